package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's {@code chromium}, headless, for the tests that look at a page as a browser lays it out: its document
 * after its scripts ran, or a picture of it. Where no chromium is on the path, a test that asks for it is skipped.
 */
final class HeadlessChromium {
  private static final String BROWSER = find();

  private final Path work;

  /** A browser whose profile, pictures and log go to {@code work}; skips the calling test without chromium. */
  HeadlessChromium(Path work) {
    assumeTrue(BROWSER != null, "no chromium on the path");
    this.work = work;
  }

  private static String find() {
    for (String name : new String[] {"chromium", "chromium-browser"}) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  /** The document of {@code html} after its scripts ran, laid out at {@code width} pixels. */
  String dom(Path html, int width) throws Exception {
    Path out = work.resolve("dom.html");
    Files.deleteIfExists(out);
    run(out, List.of(), "--hide-scrollbars", "--window-size=" + width + ",2000", "--dump-dom", html.toUri().toString());
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    assertFalse(dom.isEmpty(), () -> "no document of " + html + ": " + log());
    return dom;
  }

  /** A picture of {@code html} at {@code width} × {@code height} pixels, the browser given {@code flags} too. */
  BufferedImage screenshot(Path html, int width, int height, List<String> flags) throws Exception {
    Path png = work.resolve("page.png");
    Files.deleteIfExists(png);
    run(null, flags, "--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png,
        html.toUri().toString());
    assertTrue(Files.isRegularFile(png) && Files.size(png) > 0, () -> "no picture of " + html + ": " + log());
    return ImageIO.read(png.toFile());
  }

  /** What the browser said on its standard error (and output, unless that was the document), for a failure. */
  String log() {
    try {
      return Files.readString(work.resolve("chromium.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void run(Path stdout, List<String> flags, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(BROWSER, "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--user-data-dir=" + work.resolve("profile")));
    command.addAll(flags);
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command);
    Path log = work.resolve("chromium.log");
    if (stdout == null) {
      b.redirectErrorStream(true).redirectOutput(log.toFile());
    } else {
      b.redirectOutput(stdout.toFile()).redirectError(log.toFile());
    }
    assertTrue(b.start().waitFor(60, TimeUnit.SECONDS), "chromium did not finish in 60 s");
  }
}
