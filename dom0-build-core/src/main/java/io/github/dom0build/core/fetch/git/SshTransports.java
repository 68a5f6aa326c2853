package io.github.dom0build.core.fetch.git;

import java.io.File;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * ssh for git URLs ({@code ssh://}, {@code user@host:path}) through JGit's supported Apache MINA sshd
 * transport, set on each command rather than found by JGit's service loader (which a Maven plugin's
 * class loader may hide): the user's ~/.ssh (keys, config, known_hosts, so an unknown host key is
 * refused, never accepted) and the user's ssh-agent.
 */
final class SshTransports {
    private static SshSessionFactory factory;

    private SshTransports() {
    }

    /** Sets the session factory on the ssh transports a command opens; other transports are left alone. */
    static TransportConfigCallback callback() {
        SshSessionFactory f = factory();
        return transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(f);
            }
        };
    }

    private static synchronized SshSessionFactory factory() {
        if (factory == null) {
            File home = new File(System.getProperty("user.home"));
            factory = new SshdSessionFactoryBuilder().setHomeDirectory(home).setSshDirectory(new File(home, ".ssh"))
                    .setConnectorFactory(new AgentSocketConnector.Factory()).build(new JGitKeyCache());
        }
        return factory;
    }
}
