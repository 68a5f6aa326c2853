package io.github.dom0build.core.fetch.git;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * The user's ssh-agent ({@code SSH_AUTH_SOCK}, or {@code IdentityAgent} from ~/.ssh/config) for JGit's
 * Apache MINA sshd transport, over the JDK's own Unix domain sockets. JGit's JNA-based connector
 * ({@code org.eclipse.jgit.ssh.apache.agent}) is not published for the JGit version this project
 * pins; the protocol is JGit's ({@link AbstractConnector} frames the messages), only the socket is ours.
 */
final class AgentSocketConnector extends AbstractConnector {
    private final Path socket;
    private SocketChannel channel;

    private AgentSocketConnector(Path socket) {
        this.socket = socket;
    }

    @Override
    public synchronized boolean connect() throws IOException {
        if (channel != null) {
            return true;
        }
        if (socket == null || !Files.exists(socket)) {
            return false; // no agent: JGit goes on with the key files
        }
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return true;
    }

    @Override
    public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
        prepareMessage(command, message);
        channel.write(ByteBuffer.wrap(message));
        ByteBuffer length = read(4);
        return read(toLength(command, length.array())).array();
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new IOException("the ssh agent at " + socket + " closed the connection");
            }
        }
        return b;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Creates connectors for the agent socket JGit hands over, else SSH_AUTH_SOCK. */
    static final class Factory implements ConnectorFactory {
        private static final ConnectorDescriptor DEFAULT = new ConnectorDescriptor() {
            @Override
            public String getIdentityAgent() {
                return "SSH_AUTH_SOCK";
            }

            @Override
            public String getDisplayName() {
                return "ssh-agent (SSH_AUTH_SOCK)";
            }
        };

        @Override
        public Connector create(String identityAgent, File homeDir) {
            String where = identityAgent == null || identityAgent.isEmpty() || identityAgent.equals("SSH_AUTH_SOCK")
                    ? System.getenv("SSH_AUTH_SOCK") : identityAgent;
            if (where != null && where.startsWith("~/")) {
                where = new File(homeDir, where.substring(2)).getPath();
            }
            return new AgentSocketConnector(where == null || where.isEmpty() ? null : Path.of(where));
        }

        @Override
        public boolean isSupported() {
            return true;
        }

        @Override
        public String getName() {
            return "dom0-build-unix-socket";
        }

        @Override
        public Collection<ConnectorDescriptor> getSupportedConnectors() {
            return List.of(DEFAULT);
        }

        @Override
        public ConnectorDescriptor getDefaultConnector() {
            return DEFAULT;
        }
    }
}
