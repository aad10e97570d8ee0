package dev.nn.core.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of settings that name a secret (an S3 secret key, a password, a token), kept out of what a run records
 * for people to read and share: its provenance, summary, report, overrides and the listing of runs. The keys are
 * those of Spark's own default {@code spark.redaction.regex}, and a value is shown as Spark's logs show it. Only the
 * experiment file a run keeps to be resumed (and a sweep's record, to train its points left) holds the value.
 */
public final class Secrets {
  /** What a secret's value is shown as: Spark's own word for it. */
  public static final String REDACTED = "*********(redacted)";

  private static final String SECRET_WORD = "(?i:secret|password|token|access[.]key)";
  private static final Pattern KEY = Pattern.compile(SECRET_WORD);
  /**
   * A key naming a secret, then {@code :} or {@code =} and its value: quoted, or plain up to the end of the flow
   * item or line. The key may be quoted, as YAML allows.
   */
  private static final Pattern SETTING = Pattern.compile("([A-Za-z0-9_.\\-]*" + SECRET_WORD
      + "[A-Za-z0-9_.\\-]*[\"']?[ \\t]*[:=][ \\t]*)(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'|[^,}\\]\\s][^,}\\]\\n]*)");

  private Secrets() {}

  /** Whether {@code key} names a secret. */
  public static boolean isSecretKey(String key) {
    return KEY.matcher(key).find();
  }

  /** {@code text} (YAML, a {@code --set} argument, a command line's word) with every secret's value redacted. */
  public static String redact(String text) {
    if (text == null || !KEY.matcher(text).find()) {
      return text;
    }
    Matcher m = SETTING.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + REDACTED));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Each of {@code texts} redacted. */
  public static List<String> redact(List<String> texts) {
    return texts.stream().map(Secrets::redact).toList();
  }
}
