package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lorasim validate} of a decentralized scenario names its gossip graph and the mixing matrix's spectral gap. */
class GossipGraphLineTest {
    private static final Pattern GAP = Pattern.compile("spectral gap 1 - \\|lambda_2\\| = ([0-9.]+)");

    @TempDir
    Path dir;

    @Test
    void aRingOfTenWithMetropolisHastingsWeightsHasTheGapOfItsCirculantSpectrum() throws IOException {
        // Prepare: W = 1/3 (I + shift + shift^-1) on a ring of 10: eigenvalues 1/3 + 2/3 cos(2 pi j / 10)
        Path file = Cli.scenario(dir, "ring.conf", """
                lorasim.run { variant = decentralized, algorithm = dec-lora, trainer = cost-model }
                lorasim.clients.count = 10
                """);
        double gap = 1 - (1.0 / 3 + 2.0 / 3 * Math.cos(2 * Math.PI / 10));

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("gossip graph: ring over 10 clients, 10 edges, metropolis-hastings mixing")
                .contains(String.format(Locale.ROOT, "= %.4f", gap));
    }

    @Test
    void theCompleteGraphMixesInOneStepAndASparseLaplacianGraphMoreSlowlyThanTheRing() throws IOException {
        // Execute
        double ring = gapOf("lorasim.algorithms.dec-lora.topology = ring");
        double complete = gapOf("lorasim.algorithms.dec-lora.topology = complete");
        double path = gapOf("lorasim.algorithms.dec-lora { topology = path, mixing = laplacian }");

        // Assert: a path is a ring with one edge less, and the Laplacian rule keeps 1/3 of a weight at home
        assertThat(complete).isEqualTo(1.0);
        assertThat(path).isPositive().isLessThan(ring);
    }

    @Test
    void aCentralizedScenarioPrintsNoGraph() throws IOException {
        Path file = Cli.scenario(dir, "central.conf", "lorasim.run.trainer = cost-model\n");

        Cli.Result result = Cli.execute("validate", file.toString());

        assertThat(result.code()).isZero();
        assertThat(result.out()).doesNotContain("gossip graph");
    }

    private double gapOf(String more) throws IOException {
        Path file = Cli.scenario(dir, "g.conf", "lorasim.run { variant = decentralized, algorithm = dec-lora,"
                + " trainer = cost-model }\nlorasim.clients.count = 10\n" + more + "\n");
        Cli.Result result = Cli.execute("validate", file.toString());
        assertThat(result.code()).as(result.err()).isZero();
        Matcher m = GAP.matcher(result.out());
        assertThat(m.find()).as(result.out()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
