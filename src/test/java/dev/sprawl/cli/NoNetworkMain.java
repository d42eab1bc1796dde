package dev.sprawl.cli;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;

/**
 * Runs sprawl's {@link Main} with every way the JDK opens a socket refused and recorded: classic
 * sockets and server sockets (through their factories, which also cover {@code URL} connections),
 * datagram sockets, and NIO channels (through the selector provider, which is what
 * {@code java.net.http.HttpClient} and {@code SocketChannel.open} use; start the JVM with
 * {@code -Djava.nio.channels.spi.SelectorProvider=dev.sprawl.cli.NoNetworkMain$Provider} and
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} for the platform's pipes and selectors). Each attempt
 * prints a {@code NETWORK-ATTEMPT} line on stderr and fails with a SocketException.
 *
 * <p>Limits: name lookups ({@code InetAddress}) go to the system resolver without a socket the JVM can
 * see, and native code is not covered; a child process would not be either (sprawl starts none).
 * Tests that need that much run the same command in an empty network namespace too.
 */
public final class NoNetworkMain {

    private NoNetworkMain() {
    }

    static SocketException refuse(String what) {
        System.err.println("NETWORK-ATTEMPT: " + what);
        new Throwable("NETWORK-ATTEMPT stack").printStackTrace();
        return new SocketException("network use refused by the test guard: " + what);
    }

    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws IOException {
        if (!(SelectorProvider.provider() instanceof Provider)) {
            System.err.println("NETWORK-GUARD-MISSING: start with -Djava.nio.channels.spi.SelectorProvider="
                    + Provider.class.getName());
            System.exit(99);
        }
        Socket.setSocketImplFactory(() -> {
            throw new UncheckedRefusal(refuse("java.net.Socket"));
        });
        ServerSocket.setSocketFactory(() -> {
            throw new UncheckedRefusal(refuse("java.net.ServerSocket"));
        });
        java.net.DatagramSocket.setDatagramSocketImplFactory(() -> {
            throw new UncheckedRefusal(refuse("java.net.DatagramSocket"));
        });
        Main.main(args);
    }

    /** A factory cannot throw a checked exception. */
    static final class UncheckedRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedRefusal(SocketException e) {
            super(e.getMessage(), e);
        }
    }

    /** Refuses every network channel; pipes and selectors (local) come from the platform's provider. */
    public static final class Provider extends SelectorProvider {
        private final SelectorProvider platform = sun();

        private static SelectorProvider sun() {
            try {
                return (SelectorProvider) Class.forName("sun.nio.ch.DefaultSelectorProvider")
                        .getMethod("get").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public DatagramChannel openDatagramChannel() throws IOException {
            throw refuse("DatagramChannel");
        }

        @Override
        public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
            throw refuse("DatagramChannel");
        }

        @Override
        public Pipe openPipe() throws IOException {
            return platform.openPipe();
        }

        @Override
        public AbstractSelector openSelector() throws IOException {
            return platform.openSelector();
        }

        @Override
        public ServerSocketChannel openServerSocketChannel() throws IOException {
            throw refuse("ServerSocketChannel");
        }

        @Override
        public SocketChannel openSocketChannel() throws IOException {
            throw refuse("SocketChannel");
        }

        @Override
        public SocketChannel openSocketChannel(ProtocolFamily family) throws IOException {
            throw refuse("SocketChannel");
        }

        @Override
        public ServerSocketChannel openServerSocketChannel(ProtocolFamily family) throws IOException {
            throw refuse("ServerSocketChannel");
        }
    }
}
