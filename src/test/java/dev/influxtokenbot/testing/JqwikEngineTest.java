package dev.influxtokenbot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * jqwik 1.10.1 is built against JUnit Platform 1.14, and this project runs JUnit 6. These tests run
 * the jqwik engine on the platform the build uses and check that it really generates, runs and
 * fails properties, so a property test cannot pass by never running.
 */
class JqwikEngineTest {
    private static final AtomicInteger CALLS = new AtomicInteger();

    @Test
    void jqwik_propertyThatHolds_runsEveryTryAndSucceeds() {
        CALLS.set(0);

        EngineExecutionResults results = run("holds");

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        assertThat(CALLS.get()).isEqualTo(50);
    }

    @Test
    void jqwik_propertyThatCannotHold_fails() {
        EngineExecutionResults results = run("cannotHold");

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    }

    private static EngineExecutionResults run(String property) {
        return EngineTestKit.engine("jqwik")
                // reads junit-platform.properties, as the build's own run does
                .enableImplicitConfigurationParameters(true)
                .selectors(selectMethod(Samples.class, property, String.class.getName()))
                .execute();
    }

    /** Run only through the test kit above: a nested class that is no {@code @Group}. */
    static class Samples {
        @Property(tries = 50)
        boolean holds(@ForAll @StringLength(max = 5) String text) {
            CALLS.incrementAndGet();
            return text.length() <= 5;
        }

        @Property(tries = 50)
        boolean cannotHold(@ForAll @StringLength(min = 1, max = 5) String text) {
            return text.isEmpty();
        }
    }
}
