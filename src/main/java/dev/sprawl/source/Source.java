package dev.sprawl.source;

import java.io.IOException;

/**
 * Produces the blobs of one scan target. A source may fan work out to {@link SourceContext#workers()};
 * it returns when every blob has been delivered.
 */
public interface Source {

    void scan(SourceContext context) throws IOException, InterruptedException;
}
