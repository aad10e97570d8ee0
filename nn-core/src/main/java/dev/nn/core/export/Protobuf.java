package dev.nn.core.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few pieces of the protocol buffers wire format an ONNX file needs: varints and length-delimited fields
 * (strings, bytes, nested messages). Fields are written in the order they are called;
 * a reader accepts any order, and writing them by field number keeps files easy to compare.
 */
final class Protobuf {
  private static final int VARINT = 0;
  private static final int LENGTH_DELIMITED = 2;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** An integer field (int32, int64 or enum): a varint; negative values take ten bytes, as protobuf says. */
  Protobuf integer(int field, long value) {
    tag(field, VARINT);
    varint(value);
    return this;
  }

  /** A string field, UTF-8. */
  Protobuf string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A bytes field. */
  Protobuf bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    varint(value.length);
    bytes.writeBytes(value);
    return this;
  }

  /** A nested message. */
  Protobuf message(int field, Protobuf message) {
    return bytes(field, message.toByteArray());
  }

  /** The encoded message. */
  byte[] toByteArray() {
    return bytes.toByteArray();
  }

  private void tag(int field, int wireType) {
    varint((long) field << 3 | wireType);
  }

  /** Seven bits a byte, least significant first, the high bit saying that more follow. */
  private void varint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      bytes.write((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes.write((int) v);
  }
}
