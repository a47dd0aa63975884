package org.triax.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;

/**
 * The studio in a real browser (Debian's chromium, headless), as a user goes through it: the token
 * URL, the demo dataset and a spectrogram, a training run whose curves grow live, the new model in
 * the list, a recording uploaded for its verdict. Screenshots go to target/studio-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioBrowserTest {
    static StudioFixture f;
    static Browser b;
    static String trained;

    @BeforeAll
    static void start() throws Exception {
        b = Browser.start();
        f = StudioFixture.shared();
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + f.studio.port() + "/";
    }

    private static WebElement waitFor(String css) {
        return b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private static void imagesLoaded(String css) {
        b.wait.until(d -> {
            List<WebElement> imgs = d.findElements(By.cssSelector(css));
            return !imgs.isEmpty() && imgs.stream().allMatch(i -> Boolean.TRUE.equals(
                    b.driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", i)));
        });
    }

    @Test
    @Order(1)
    void aWrongOrMissingTokenShowsNoData() {
        for (String url : List.of(base(), base() + "?token=wrong#/datasets/demo", base() + "api/v1/models")) {
            b.driver.get(url);
            String text = b.driver.findElement(By.tagName("body")).getText();
            assertTrue(text.contains("401") || text.contains("token"), text);
            assertFalse(text.contains("demo") || text.contains("healthy") || text.contains("fused"), text);
        }
    }

    @Test
    @Order(2)
    void theTokenUrlOpensTheDemoDatasetAndASpectrogram() throws Exception {
        b.driver.get(f.studio.url());
        waitFor("nav a[data-page=datasets].active");
        b.wait.until(d -> !d.getCurrentUrl().contains("token="));
        b.driver.get(base() + "#/datasets/demo");
        waitFor("#dataset-facts");
        assertEquals(4, b.driver.findElements(By.cssSelector(".class-row")).size(), b.console());
        assertTrue(b.driver.findElement(By.id("dataset-facts")).getText().contains("5.12 kHz"));
        b.screenshot("datasets");
        b.driver.findElement(By.linkText("healthy/healthy_01.csv")).click();
        waitFor("#recording-view .waveform canvas");
        imagesLoaded("img.spectrogram");
        assertEquals(List.of("X", "Y", "Z", "fused"), b.driver.findElements(By.cssSelector("img.spectrogram")).stream()
                .map(i -> i.getAttribute("data-channel")).toList());
        b.screenshot("recording");
    }

    @Test
    @Order(3)
    void aTrainingRunShowsItsCurvesGainPointsLiveAndEndsWithTheComparison() throws Exception {
        b.driver.get(base() + "#/train");
        WebElement data = waitFor("#train-data");
        // every value the curves' point count takes, in order, however fast the epochs go
        b.driver.executeScript("window.points = []; new MutationObserver(ms => ms.forEach(m => "
                + "window.points.push(m.target.dataset.points))).observe(document.body, "
                + "{subtree: true, attributes: true, attributeFilter: ['data-points']});");
        data.clear();
        data.sendKeys("demo");
        new Select(b.driver.findElement(By.id("opt-mode"))).selectByValue("fused");
        for (String[] o : new String[][] {{"epochs", "2"}, {"window", "256"}, {"hop", "128"}, {"segment", "32"},
                {"overlap", "16"}}) {
            b.driver.findElement(By.id("opt-" + o[0])).sendKeys(o[1]);
        }
        b.driver.findElement(By.id("train-start")).click();
        b.wait.until(d -> d.getCurrentUrl().matches(".*#/train/\\d+$"));
        waitFor(".curves[data-design=fused] canvas");
        b.wait.until(ExpectedConditions.textToBe(By.id("run-state"), "done"));
        @SuppressWarnings("unchecked")
        List<Object> points = (List<Object>) b.driver.executeScript("return window.points");
        // demo data in small windows: the page is up before the first epoch ends, and sees each one arrive
        assertEquals(List.of("0", "1", "2"), points.stream().map(String::valueOf).distinct().toList(), b.console());
        WebElement row = waitFor("#comparison tr.outcome[data-design=fused]");
        trained = row.findElement(By.cssSelector("a")).getText();
        assertTrue(f.models.resolve(trained + ".triax").toFile().isFile(), trained);
        assertEquals(1, b.driver.findElements(By.cssSelector("#run-results table.confusion")).size());
        assertTrue(b.driver.findElement(By.id("run-log")).getText().contains("training fused design"));
        b.screenshot("train");
    }

    @Test
    @Order(4)
    void theNewModelIsInTheListWithItsDetailsAndBesideAnother() throws Exception {
        b.driver.get(base() + "#/models");
        WebElement row = waitFor("#model-list tr.model-row[data-name='" + trained + "']");
        assertTrue(row.getText().contains("fused") && row.getText().contains("demo"), row.getText());
        b.screenshot("models");
        // two models side by side: the new one and the fixture's
        row.findElement(By.cssSelector("input[type=checkbox]")).click();
        b.driver.findElement(By.cssSelector("#model-list tr.model-row[data-name='" + f.model + "'] input[type=checkbox]")).click();
        b.driver.findElement(By.id("compare")).click();
        waitFor(".side-by-side");
        assertEquals(2, b.driver.findElements(By.cssSelector(".side-by-side .model-panel")).size());
        String both = b.driver.findElement(By.id("comparison")).getText();
        assertTrue(both.contains(trained) && both.contains(f.model), both);
        b.screenshot("compare");
        b.driver.get(base() + "#/models");
        row = waitFor("#model-list tr.model-row[data-name='" + trained + "']");
        row.findElement(By.linkText(trained)).click();
        waitFor("table.confusion");
        waitFor("#download-onnx");
        assertTrue(b.driver.findElement(By.cssSelector("table.per-class")).getText().contains("misalignment"));
        b.screenshot("model");
    }

    @Test
    @Order(5)
    void anUploadedRecordingGetsItsVerdict() throws Exception {
        b.driver.get(base() + "#/predict/" + trained);
        Path recording = f.data.resolve("demo/imbalance/imbalance_03.csv");
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("predict-files"))).sendKeys(recording.toAbsolutePath().toString());
        WebElement verdict = waitFor("#verdicts td.verdict");
        String expected;
        try (RecordingScorer scorer = new RecordingScorer(f.models.resolve(trained + ".triax"), InferenceEngine.ONNX, List.of(), null)) {
            expected = scorer.score(recording).predicted();
        }
        assertEquals(expected, verdict.getText());
        waitFor(".result .timeline canvas");
        imagesLoaded(".result img.spectrogram");
        b.screenshot("predict");
    }

    @Test
    @Order(6)
    void anUploadOverTheLimitIsRefusedOnThePage() throws Exception {
        b.driver.get(base() + "#/predict/" + trained);
        Path big = Files.createTempFile("big", ".csv");
        try {
            Files.write(big, new byte[(int) StudioFixture.MAX_UPLOAD + 1]);
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("predict-files"))).sendKeys(big.toAbsolutePath().toString());
            String error = waitFor("#error").getText();
            assertTrue(error.contains("larger than the limit of " + StudioFixture.MAX_UPLOAD + " bytes"), error);
            assertTrue(b.driver.findElements(By.cssSelector("#verdicts")).isEmpty());
        } finally {
            Files.delete(big);
        }
    }
}
