package dev.sprawl.report;

import dev.sprawl.inventory.Inventory;
import java.io.IOException;
import java.io.Writer;

/** Renders an inventory. Reporters never re-scan and never print a secret unless told to. */
public interface Reporter {

    void write(Inventory inventory, Writer out) throws IOException;
}
