package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running run's page in a real browser: its script says how long ago the page was written and shows the
 * note for a run whose process may have ended only once the page has been quiet for longer than its epochs
 * take. Runs where Debian's {@code chromium} is on the path; skipped elsewhere.
 */
class RunningPageInBrowserTests {
  @TempDir
  Path tmp;



  @Test
  void aPageWrittenLongAgoShowsTheNoteAndOneWrittenJustNowDoesNot() throws Exception {
    List<EpochReport> epochs = List.of(new EpochReport(1, 10, 0.1, 0.9, null, 2.0));
    String old = domOf(page(epochs, Instant.now().minus(Duration.ofMinutes(10))));
    assertTrue(old.contains("<span id=\"written-ago\">, 10 min ago</span>"), old);
    assertTrue(old.contains("<span id=\"stale\" class=\"stale\"><br>Nothing newer"), old);
    String fresh = domOf(page(epochs, Instant.now()));
    assertTrue(fresh.matches("(?s).*<span id=\"written-ago\">, \\d+ s ago</span>.*"), fresh);
    assertTrue(fresh.contains("<span id=\"stale\" class=\"stale\" hidden=\"\">"), fresh);
  }

  private Path page(List<EpochReport> epochs, Instant written) throws IOException {
    Path file = Files.createTempFile(tmp, "report", ".html");
    Files.writeString(file, new HtmlReport("run", new TrainingResult(epochs, 1, false), null, List.of(),
        new HtmlReport.Status("running", "epoch 1 of 9", written), null, null, false).render());
    return file;
  }

  /** The document after its scripts ran, as headless Chromium serialises it. */
  private String domOf(Path html) throws Exception {
    return new HeadlessChromium(tmp).dom(html, 1280);
  }

}
