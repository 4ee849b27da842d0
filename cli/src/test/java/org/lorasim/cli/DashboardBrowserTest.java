package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import org.lorasim.cli.output.RunFolder;
import org.lorasim.cli.output.RunJson;
import org.lorasim.ui.Dashboard;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end in a real headless Chromium driven by WebDriver: the page draws the graph and a chart,
 * pauses and steps the run, crashes a client clicked on the graph, shows it crashed and the event in the log,
 * and the run's {@code events.jsonl} has it; then the finished folder replays. Screenshots go to
 * {@code target/dashboard-screenshots/}. Skipped without Debian's {@code chromium} and {@code chromium-driver},
 * except where the environment variable {@code CI} is set, where they must be there.
 */
class DashboardBrowserTest {

    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

    static final String SCENARIO = """
            lorasim {
              run { trainer = cost-model, rounds = 6 }
              clients.count = 8
              clients.compute.stragglers { fraction = 0.25, slowdown = 10.0 }
              rounds { clients-per-round = 5, deadline = 500ms }
            }
            """;

    /** The charts drawn per round in every run (a system-only run's accuracy chart is a note, not a plot). */
    private static final java.util.List<String> PER_ROUND_CHARTS = java.util.List.of("chart-loss", "chart-bytes",
            "chart-time");

    @TempDir
    Path dir;

    @Test
    void aTeacherPausesStepsAndCrashesAClientInARealBrowser() throws IOException {
        requireChromium();
        Files.createDirectories(SHOTS);
        Path scenario = Cli.scenario(dir, "browser.conf", SCENARIO);
        Path run = dir.resolve("run");
        try (UiRun ui = new UiRun("ui", scenario.toString(), "--port", "0", "--paused", "--exit-when-done",
                "--speed", "20", "--out", run.toString())) {
            int port = ui.port();
            WebDriver browser = chromium(dir.resolve("profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                browser.get("http://127.0.0.1:" + port + "/");
                wait.until(b -> b.findElements(By.cssSelector("#graph g.client")).size() == 8);
                assertThat(browser.findElements(By.cssSelector("#graph g.aggregator"))).hasSize(1);
                wait.until(b -> text(b, "#clock-state").equals("paused"));
                // round 0 starts at time 0, before the page has drawn: the header of a view with no round yet
                assertThat(((JavascriptExecutor) browser).executeScript("drawHeader(emptyView());"
                        + " const shown = document.getElementById('clock-round').textContent; draw(); return shown;")).isEqualTo("before round 0");
                wait.until(b -> text(b, "#clock-round").equals("round 0"));
                // no round has ended: the per-round charts are empty, and their x axes show no negative round
                for (String chart : PER_ROUND_CHARTS) {
                    assertThat(points(browser, chart)).as(chart).isZero();
                    assertThat(xAxisFrom(browser, chart)).as(chart + "'s first round on its x axis").isZero();
                }

                click(browser, "#btn-step-round");
                wait.until(b -> points(b, "chart-time") >= 1 && text(b, "#clock-state").equals("paused"));
                assertThat(browser.findElements(By.cssSelector("#chart-time canvas"))).isNotEmpty();
                for (String chart : PER_ROUND_CHARTS) {
                    assertThat(firstRound(browser, chart)).as(chart + ": rounds are 0-based, the first point is round 0")
                            .isEqualTo("0");
                }
                wait.until(b -> text(b, "#clock-round").equals("round 1"));
                stepAnEventThenCrashClient3(browser, wait);
                wait.until(b -> !b.findElements(By.cssSelector("#log li[data-kind='client-crashed']")).isEmpty());
                assertThat(text(browser, "#log")).contains("scenario-crash").contains("client-3");

                browser.findElement(By.id("in-bandwidth")).clear();
                browser.findElement(By.id("in-bandwidth")).sendKeys("20000");
                click(browser, "#btn-bandwidth");
                wait.until(b -> text(b, "#reply").startsWith("applied at"));
                browser.findElement(By.cssSelector("#graph g.client[data-client='5'] circle")).click();
                wait.until(b -> text(b, "#sel-id").equals("5"));
                click(browser, "#btn-link-down");
                wait.until(b -> text(b, "#reply").startsWith("applied at"));
                click(browser, "#btn-step-event");
                wait.until(b -> "20000".equals(link(b, "client-3-up").getAttribute("data-bandwidth"))
                        && link(b, "client-5-down").getAttribute("class").contains("down"));
                assertThat(Double.parseDouble(link(browser, "client-3-up").getAttribute("stroke-width")))
                        .isLessThan(Double.parseDouble(link(browser, "client-4-up").getAttribute("stroke-width")));
                assertThat(text(browser, "#link-labels text[data-link='client-3-up']")).isEqualTo("20 kB/s");
                assertThat(link(browser, "client-5-up").getAttribute("class")).contains("down");
                assertThat(link(browser, "client-4-up").getAttribute("class")).isEqualTo("link");
                shoot(browser, "dashboard-live.png");

                click(browser, "#btn-resume");
                wait.until(b -> text(b, "#clock-state").startsWith("finished"));
                assertThat(text(browser, "#clock-state")).as("the outcome said once")
                        .matches("finished( \\(server stopped\\))?");
                assertThat(points(browser, "chart-time")).as("rounds 0-5").isEqualTo(6);
                assertThat(firstRound(browser, "chart-bytes")).isEqualTo("0");
                assertThat(text(browser, "#chart-time .u-legend")).as("the last round's values under the chart")
                        .contains("5").doesNotContain("--");
                shoot(browser, "dashboard-finished.png");
            } catch (RuntimeException | AssertionError e) {
                shoot(browser, "failure.png");
                throw e;
            } finally {
                browser.quit();
            }
            assertThat(ui.awaitExit()).as(ui.output() + ui.err).isZero();
        }
        String events = Files.readString(run.resolve(RunFolder.EVENTS));
        assertThat(events).contains("\"kind\":\"scenario-crash\"").contains("\"kind\":\"client-crashed\",\"subject\":\"client-3\"");
        assertThat(Files.readString(run.resolve(RunFolder.CONFIG))).contains("action=crash").containsPattern("clients=\\[\\s*3\\s*]");

        try (Dashboard replay = Dashboard.replay("127.0.0.1", 0, run)) {
            WebDriver browser = chromium(dir.resolve("profile-replay"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                browser.get("http://127.0.0.1:" + replay.port() + "/");
                wait.until(b -> text(b, "#clock-state").startsWith("finished"));
                wait.until(b -> "crashed".equals(b.findElement(By.cssSelector("#graph g.client[data-client='3']"))
                        .getAttribute("data-state")));
                assertThat(browser.findElement(By.id("replay-box")).isDisplayed()).isTrue();
                // the slider to the middle of the first message's flight, as events.jsonl records it
                JsonNode first = firstSend(run);
                long end = RunJson.MAPPER.readTree(run.resolve(RunFolder.SUMMARY).toFile()).path("sim_time_nanos").asLong();
                long middle = (first.path("sentAt").asLong() + first.path("arrival").asLong()) / 2;
                ((JavascriptExecutor) browser).executeScript("const s = document.getElementById('in-time');"
                        + " s.value = arguments[0]; s.dispatchEvent(new Event('input'));", Math.round(1000.0 * middle / end));
                wait.until(b -> !b.findElements(By.cssSelector("#flights circle")).isEmpty());
                assertThat(browser.findElements(By.cssSelector("#flights circle"))).first()
                        .satisfies(c -> assertThat(Long.parseLong(c.getAttribute("data-bytes"))).isPositive());
                shoot(browser, "dashboard-replay.png");
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void aGossipRingIsDrawnWithItsLinksAPartitionTurnsItsClientsPurpleAndConsensusIsCharted() throws IOException {
        requireChromium();
        Files.createDirectories(SHOTS);
        Path scenario = Cli.scenario(dir, "ring.conf", """
                lorasim {
                  run { variant = decentralized, algorithm = dec-lora, trainer = cost-model, rounds = 4 }
                  clients.count = 6
                  algorithms.dec-lora { topology = ring, iteration-timeout = 1s }
                  scenario.events = [
                    { at-round = 1, action = partition, groups = [[0, 1, 2]] }
                    { at-round = 3, action = heal }
                  ]
                }
                """);
        try (UiRun ui = new UiRun("ui", scenario.toString(), "--port", "0", "--paused", "--exit-when-done",
                "--speed", "5", "--out", dir.resolve("ring").toString())) {
            int port = ui.port();
            WebDriver browser = chromium(dir.resolve("profile-ring"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                browser.get("http://127.0.0.1:" + port + "/");
                wait.until(b -> b.findElements(By.cssSelector("#graph g.client")).size() == 6);
                assertThat(browser.findElements(By.cssSelector("#links line"))).hasSize(12);
                assertThat(browser.findElements(By.cssSelector("#graph g.aggregator"))).isEmpty();
                click(browser, "#btn-step-round");
                wait.until(b -> text(b, "#clock-state").equals("paused")
                        && "partitioned".equals(b.findElement(By.cssSelector("#graph g.client[data-client='1']"))
                        .getAttribute("data-state")));
                assertThat(text(browser, "#log")).contains("scenario-partition");
                wait.until(b -> b.findElements(By.cssSelector("#links line.cut")).size() == 4);
                assertThat(browser.findElements(By.cssSelector("#links line.cut"))).extracting(l -> l.getAttribute("data-link"))
                        .containsExactlyInAnyOrder("client-2->client-3", "client-3->client-2", "client-0->client-5",
                                "client-5->client-0");
                assertThat(browser.findElement(By.cssSelector("#groups g.group")).getAttribute("data-members")).isEqualTo("0,1,2");
                shoot(browser, "dashboard-gossip.png");
                click(browser, "#btn-resume");
                wait.until(b -> text(b, "#clock-state").startsWith("finished"));
                assertThat(browser.findElements(By.cssSelector("#links line.cut"))).as("healed").isEmpty();
                assertThat(browser.findElements(By.cssSelector("#groups g.group"))).isEmpty();
                assertThat(browser.findElement(By.id("chart-consensus")).isDisplayed()).isTrue();
                assertThat(points(browser, "chart-consensus")).as("iterations 0-3, no point for the starting model")
                        .isEqualTo(4);
                assertThat(firstRound(browser, "chart-consensus")).isEqualTo("0");
            } catch (RuntimeException | AssertionError e) {
                shoot(browser, "failure-gossip.png");
                throw e;
            } finally {
                browser.quit();
            }
            assertThat(ui.awaitExit()).as(ui.output() + ui.err).isZero();
        }
    }

    @Test
    void aLessonPickedOnThePageStartsAndThePageSaysWhichLessonRuns() throws IOException {
        requireChromium();
        Files.createDirectories(SHOTS);
        try (UiRun ui = new UiRun("ui", "--lesson", "stragglers", "--port", "0", "--paused", "--exit-when-done",
                "--speed", "20", "--out", dir.resolve("stragglers").toString())) {
            int port = ui.port();
            WebDriver browser = chromium(dir.resolve("profile-lesson"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                browser.get("http://127.0.0.1:" + port + "/");
                wait.until(b -> "stragglers".equals(b.findElement(By.id("lesson-running")).getAttribute("data-lesson")));
                wait.until(b -> b.findElements(By.cssSelector("#graph g.client")).size() == 12);
                new Select(browser.findElement(By.id("lesson-picker"))).selectByValue("partition");
                click(browser, "#btn-lesson");
                wait.until(b -> "partition".equals(b.findElement(By.id("lesson-running")).getAttribute("data-lesson")));
                assertThat(text(browser, "#lesson-running")).startsWith("running: lesson partition");
                assertThat(text(browser, "#title")).isEqualTo("lesson partition");
                wait.until(b -> b.findElements(By.cssSelector("#graph g.client")).size() == 8
                        && b.findElements(By.cssSelector("#links line")).size() == 16);
                assertThat(browser.findElements(By.cssSelector("#graph g.aggregator"))).isEmpty();
                assertThat(text(browser, "#lesson-text")).contains("ring");
                wait.until(b -> text(b, "#clock-state").startsWith("finished"));
                assertThat(points(browser, "chart-consensus")).isEqualTo(30);
                shoot(browser, "dashboard-lesson.png");
            } catch (RuntimeException | AssertionError e) {
                shoot(browser, "failure-lesson.png");
                throw e;
            } finally {
                browser.quit();
            }
            assertThat(ui.awaitExit()).as(ui.output() + ui.err).isZero();
        }
    }

    @Test
    void aRunOnANodeJvmIsDrawnFromItsStreamAndSteppedFromTheBrowser() throws IOException {
        requireChromium();
        Files.createDirectories(SHOTS);
        Path scenario = Cli.scenario(dir, "cluster.conf", SCENARIO);
        Path run = dir.resolve("run");
        try (UiRun ui = new UiRun("ui", scenario.toString(), "--local-nodes", "1", "--port", "0", "--paused",
                "--exit-when-done", "--speed", "20", "--out", run.toString())) {
            int port = ui.port();
            WebDriver browser = chromium(dir.resolve("profile-cluster"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                browser.get("http://127.0.0.1:" + port + "/");
                wait.until(b -> b.findElements(By.cssSelector("#graph g.client")).size() == 8);
                wait.until(b -> text(b, "#clock-state").equals("paused"));
                assertThat(text(browser, "#where")).startsWith("on 1 local node JVM, 127.0.0.1:");

                click(browser, "#btn-step-round");
                wait.until(b -> points(b, "chart-time") >= 1 && text(b, "#clock-state").equals("paused"));
                stepAnEventThenCrashClient3(browser, wait);
                shoot(browser, "dashboard-cluster.png");

                click(browser, "#btn-resume");
                wait.until(b -> text(b, "#clock-state").startsWith("finished"));
                assertThat(points(browser, "chart-time")).as("rounds 0-5").isEqualTo(6);
            } catch (RuntimeException | AssertionError e) {
                shoot(browser, "failure-cluster.png");
                throw e;
            } finally {
                browser.quit();
            }
            assertThat(ui.awaitExit()).as(ui.output() + ui.err).isZero();
        }
        assertThat(Files.readString(run.resolve(RunFolder.EVENTS))).contains("\"kind\":\"client-crashed\",\"subject\":\"client-3\"");
        assertThat(run.resolve(org.lorasim.cli.output.ClusterFiles.JSON)).isRegularFile();
    }

    private static void requireChromium() {
        boolean there = Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM);
        if (!there && System.getenv("CI") != null) {
            fail("CI is set but Chromium is missing: .ci/run installs it with apt-get install chromium chromium-driver");
        }
        assumeTrue(there, "needs a real Chromium: apt-get install chromium chromium-driver (Debian) to run this test");
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1480,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The first message-sent line of the run's events.jsonl, as {sentAt, arrival}. */
    private static JsonNode firstSend(Path run) throws IOException {
        for (String line : Files.readAllLines(run.resolve(RunFolder.EVENTS))) {
            JsonNode e = RunJson.MAPPER.readTree(line);
            if (e.path("kind").asText().equals("message-sent")) {
                long arrival = Long.parseLong(e.path("detail").asText().replaceAll(".*arrives (\\d+) ns$", "$1"));
                return RunJson.MAPPER.createObjectNode().put("sentAt", e.path("time_nanos").asLong()).put("arrival", arrival);
            }
        }
        throw new AssertionError("no message-sent event in " + run);
    }

    /** The first round a chart has a point for, as the page writes it ({@code ""}: none). */
    private static String firstRound(WebDriver browser, String chart) {
        return browser.findElement(By.id(chart)).getAttribute("data-first-round");
    }

    /** Where the x axis of a drawn chart begins (the round at its left edge). */
    private static double xAxisFrom(WebDriver browser, String chart) {
        Object min = ((JavascriptExecutor) browser).executeScript("return charts[arguments[0]].scales.x.min;", chart);
        return ((Number) min).doubleValue();
    }

    private static WebElement link(WebDriver browser, String name) {
        return browser.findElement(By.cssSelector("#links line[data-link='" + name + "']"));
    }

    private static void click(WebDriver browser, String css) {
        browser.findElement(By.cssSelector(css)).click();
    }

    /** Steps one event (the clock's time moves), selects client 3, crashes it and steps until it shows crashed. */
    private static void stepAnEventThenCrashClient3(WebDriver browser, WebDriverWait wait) {
        String before = text(browser, "#clock-time");
        click(browser, "#btn-step-event");
        wait.until(b -> !text(b, "#clock-time").equals(before));
        browser.findElement(By.cssSelector("#graph g.client[data-client='3'] circle")).click();
        wait.until(b -> text(b, "#sel-id").equals("3"));
        click(browser, "#btn-crash");
        wait.until(b -> text(b, "#reply").startsWith("applied at"));
        click(browser, "#btn-step-event");
        wait.until(b -> "crashed".equals(b.findElement(By.cssSelector("#graph g.client[data-client='3']"))
                .getAttribute("data-state")));
    }

    private static String text(WebDriver browser, String css) {
        WebElement element = browser.findElement(By.cssSelector(css));
        return element.getText().trim();
    }

    private static int points(WebDriver browser, String chart) {
        return Integer.parseInt(browser.findElement(By.id(chart)).getAttribute("data-points"));
    }

    private static void shoot(WebDriver browser, String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
