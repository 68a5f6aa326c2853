package io.github.dom0build.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The plugin layer's own code: what it makes of parameters, and of the core's errors. */
class MojoTranslationTest {
    /** A goal whose work is given by the test. */
    private static final class Goal extends AbstractDom0Mojo {
        interface Work {
            void run() throws BuildException, IOException;
        }

        private final Work work;
        boolean ran;

        Goal(boolean skipAll, Work work) {
            this.skipAll = skipAll;
            this.work = work;
        }

        @Override
        protected void run() throws BuildException, IOException {
            ran = true;
            work.run();
        }
    }

    @Test
    void aBuildExceptionIsTheUsersToFixAndAnIoExceptionIsNot() {
        Goal users = new Goal(false, () -> {
            throw new BuildException("The tree is missing.", "run fetch first");
        });
        assertThatThrownBy(users::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("The tree is missing.").hasMessageContaining("run fetch first");
        Goal environment = new Goal(false, () -> {
            throw new IOException("disk full");
        });
        assertThatThrownBy(environment::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("disk full").hasCauseInstanceOf(IOException.class);
    }

    @Test
    void aSkippedGoalDoesNothing() throws Exception {
        Goal skipped = new Goal(true, () -> {
            throw new AssertionError("ran");
        });
        skipped.execute();
        assertThat(skipped.ran).isFalse();
        Goal run = new Goal(false, () -> { });
        run.execute();
        assertThat(run.ran).isTrue();
    }

    @Test
    void everyCommandOfAGoalGoesThroughOneRunner() {
        Goal g = new Goal(false, () -> { });
        assertThat(g.runner()).isNotNull().isSameAs(g.runner());
    }

    /** {@code RenamedProperties.check} of the one property {@code name=value}, given with -D. */
    private static AbstractThrowableAssert<?, ? extends Throwable> checked(String name, String value) {
        Properties user = new Properties();
        user.setProperty(name, value);
        return assertThatThrownBy(() -> RenamedProperties.check(user)).isInstanceOf(BuildException.class);
    }

    @Test
    void anOldPropertyNameFailsNamingTheNewOneInsteadOfBeingIgnored() {
        checked("xen.grub-update.skip", "true").hasMessageContaining("-Dxen.grub-update.skip is no longer read")
                .hasMessageContaining("xen.grubUpdate.skip");
        Properties pom = new Properties();
        pom.setProperty("xen.offline", "false");
        assertThatThrownBy(() -> RenamedProperties.check(null, pom)).hasMessageContaining("xen.allowDownloads");
    }

    @Test
    void aRemovedParametersPropertyFailsSayingWhatReplacedIt() {
        checked("xen.systemctl", "/opt/systemd/bin/systemctl").hasMessageContaining("-Dxen.systemctl is no longer read")
                .hasMessageContaining("PATH");
        checked("kernel.stageDirectory", "/srv/stage").hasMessageContaining("kernel-stage")
                .hasMessageContaining("<build><directory>");
        checked("xen.distDirectory", "/srv/dist").hasMessageContaining("DISTDIR=${project.build.directory}/xen-dist");
        checked("xen.setXenstored", "false").hasMessageContaining("-Dxen.xencommonsXenstored=unchanged");
    }

    @Test
    void aMapParametersPropertyFailsSayingHowToGiveItFromTheCommandLine() {
        checked("kernel.makeVariables", "EXTRAVERSION=-dom0")
                .hasMessageContaining("-Dkernel.makeVariables is not read: makeVariables is a map")
                .hasMessageContaining("<makeVariables><NAME>${my.name}</NAME></makeVariables>");
    }

    @Test
    void theNewNamesFollowTheScheme() throws Exception {
        for (String renamed : RenamedProperties.RENAMED.values()) {
            assertThat(renamed.split(" ")[0]).matches("(kernel|xen)\\.[a-z][A-Za-z]*(\\.[a-z][A-Za-z]*)?");
        }
        RenamedProperties.check(new Properties());
    }

    @Test
    void aGoalsSkipPropertyIsNamedFromTheGoalAndReadLikeMavensOwn() {
        assertThat(GoalSkip.property("xen", "boot-test")).isEqualTo("xen.bootTest.skip");
        assertThat(GoalSkip.property("xen", "grub-update")).isEqualTo("xen.grubUpdate.skip");
        assertThat(GoalSkip.property("kernel", "make")).isEqualTo("kernel.make.skip");
        Properties cli = new Properties();
        Properties pom = new Properties();
        assertThat(GoalSkip.isSkipped(false, "xen.bootTest.skip", cli, null, pom)).isFalse();
        assertThat(GoalSkip.isSkipped(true, "xen.bootTest.skip", cli, null, pom)).as("<skip>true</skip>").isTrue();
        pom.setProperty("xen.bootTest.skip", "true");
        assertThat(GoalSkip.isSkipped(false, "xen.bootTest.skip", cli, null, pom)).isTrue();
        cli.setProperty("xen.bootTest.skip", "false");
        assertThat(GoalSkip.isSkipped(false, "xen.bootTest.skip", cli, null, pom)).as("-D wins over the POM").isFalse();
        cli.setProperty("xen.bootTest.skip", "");
        assertThat(GoalSkip.isSkipped(false, "xen.bootTest.skip", cli, null, pom)).as("-Dxen.bootTest.skip").isTrue();
        assertThat(GoalSkip.isSkipped(false, "xen.make.skip", cli, null, pom)).as("another goal's").isFalse();
    }

    @Test
    void durationsAsPeopleWriteThem() throws Exception {
        assertThat(Durations.parse("timeout", "90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("timeout", " 2H ")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("timeout", "45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("timeout", null)).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> Durations.parse("lockTimeout", "ten minutes")).isInstanceOf(BuildException.class)
                .hasMessageContaining("lockTimeout 'ten minutes' is not a duration");
    }

    @Test
    void patchAuthorsAreNameAndEmail() throws Exception {
        assertThat(PatchMojo.parseAuthor(" Jane Doe <jane@example.org> ")).containsExactly("Jane Doe", "jane@example.org");
        assertThatThrownBy(() -> PatchMojo.parseAuthor("jane@example.org")).isInstanceOf(BuildException.class)
                .hasMessageContaining("is not of the form Name <email>");
        assertThatThrownBy(() -> PatchMojo.parseAuthor("<jane@example.org>")).isInstanceOf(BuildException.class);
    }

    @Test
    void publishedCoordinatesAreCheckedBeforeAnythingIsResolved() {
        for (String bad : new String[] {"org.example:dom0", "org.example:dom0:1.0:xen:extra", "org.example:../x:1.0",
            "org.example:dom0: 1.0"}) {
            assertThatThrownBy(() -> PublishedArtifacts.resolve(bad, "xen", "artifact", null, null, null))
                    .as(bad).isInstanceOf(BuildException.class).hasMessageContaining("groupId:artifactId:version");
        }
    }
}
