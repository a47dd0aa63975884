package org.triax.studio;

/** Opens a URL and prints the console (a developer's tool, not a test). */
final class BrowserDebugMain {
    public static void main(String[] args) throws Exception {
        try (Browser b = Browser.start()) {
            b.driver.get(args[0]);
            Thread.sleep(Long.parseLong(args.length > 1 ? args[1] : "4000"));
            System.out.println(b.console());
            System.out.println(b.driver.findElement(org.openqa.selenium.By.tagName("body")).getText());
            System.out.println(b.screenshot("debug"));
        }
        System.exit(0);
    }
}
