package dev.nn.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files nn writes and reads back as text (a run's summary, status, metrics and experiment, a sweep's table), read
 * as UTF-8 with a reason a person can act on when they are not: an editor's Latin-1 save or a damaged disk block
 * gives "not UTF-8 text: byte 0xE9 at line 1, column 31 …", where the decoder's own message is "Input length = 1".
 */
public final class TextFiles {
  private TextFiles() {}

  /** A file that is not UTF-8 text; its message says where and why, without the file. */
  public static final class NotUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    NotUtf8Exception(String problem) {
      super(problem);
    }
  }

  /**
   * The file's text.
   *
   * @throws NotUtf8Exception when it is not UTF-8, saying where
   * @throws IOException when it cannot be read
   */
  public static String read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new NotUtf8Exception(Utf8Errors.find(bytes).map(Utf8Errors.Location::problem)
          .orElse("not UTF-8 text; save the file as UTF-8"));
    }
  }

  /** The file's lines, as {@link Files#readAllLines} splits them; as {@link #read}. */
  public static List<String> readLines(Path file) throws IOException {
    return read(file).lines().toList();
  }
}
