package org.triax.studio;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven by its chromedriver, both named explicitly so that Selenium Manager
 * never downloads anything; tests that need it are skipped when either is missing.
 */
final class Browser implements AutoCloseable {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    /** Long enough for a busy two-core machine; a wait fails only when the page never gets there. */
    static final Duration PATIENCE = Duration.ofMinutes(5);

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, PATIENCE);
    }

    static Browser start() throws IOException {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        Path profile = Files.createTempDirectory("triax-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /** The page's console messages since the last call (for failure messages). */
    String console() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        StringBuilder sb = new StringBuilder();
        entries.forEach(e -> sb.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
        return sb.toString();
    }

    Path screenshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "studio-screenshots"));
        Path png = dir.resolve(name + ".png");
        Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return png;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var s = Files.walk(profile)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile
            }
        }
    }
}
