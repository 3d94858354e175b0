package org.peacepath.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip stream across writes: each write's lines are compressed with the lines before them in mind,
 * flushed to a whole byte and followed by the member's ending (an empty last block, then the CRC and
 * length of the lines it holds), so the file read so far holds every line written and ends properly.
 * The next write goes over that ending and writes it anew after its own lines. After a failed write,
 * whose lines the compressor has seen but the file does not hold, the next write puts the ending back
 * and begins a new member with a fresh compressor. What a write changes is kept only once it has
 * succeeded.
 */
final class GzipMembers {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  /** A last deflate block, empty, after a flush: what ends a member's compressed data. */
  private static final byte[] LAST_BLOCK = {3, 0};
  /** The length of a member's ending: the last block, the CRC and the length. */
  static final int ENDING = LAST_BLOCK.length + 8;
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final byte[] chunk = new byte[64 * 1024];
  private final CRC32 crc = new CRC32();
  private long length;
  /** Whether the file ends with {@link #ending}, the ending of the member the compressor is writing. */
  private boolean open;
  /** Whether the compressor has seen lines the file does not hold, or belongs to a member ended for good. */
  private boolean stale = true;
  /** The ending in the file, and the one the write being made ends with. */
  private byte[] ending;
  private byte[] next;

  /**
   * The most a member holds before the next write ends it and begins another: what {@link
 * #endLeftOpen} has to read again after a crash.
   */
  static final long MEMBER = 64L << 20;

  /** Where a write goes in a file {@code end} bytes long: over the member's ending, when it ends with one. */
  long at(long end) {
    return open ? end - ENDING : end;
  }

  /**
   * The lines compressed and flushed, then the member's ending; written where {@link #at} says. A write
   * that begins a new member puts back the ending of the one before first, where it stood.
   */
  void compress(List<LogLine> lines, LogBuffer into) {
    if (!open || stale || length >= MEMBER) {
      if (open) {
        into.write(ending);
      }
      deflater.reset();
      crc.reset();
      length = 0;
      into.write(HEADER);
    }
    for (LogLine line : lines) {
      for (byte[] part : line.parts) {
        deflate(part, into);
        crc.update(part);
        length += part.length;
      }
    }
    int n;
    do {
      n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
      into.write(chunk, 0, n);
    } while (n == chunk.length);
    next = ending(crc.getValue(), length);
    into.write(next);
  }

  private void deflate(byte[] bytes, LogBuffer into) {
    deflater.setInput(bytes);
    while (!deflater.needsInput()) {
      int n = deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH);
      into.write(chunk, 0, n);
    }
  }

  /** The write succeeded: the file ends with the ending of the member the compressor is writing. */
  void written() {
    ending = next;
    open = true;
    stale = false;
  }

  /** The write failed and was cut back: what the compressor saw last is not in the file. */
  void lost() {
    stale = true;
  }

  /** The file at the path is another one: nothing of a member is in it. */
  void newFile() {
    open = false;
    stale = true;
  }

  /** Whether the file ends with a member's ending that a write may have begun over. */
  boolean open() {
    return open;
  }

  /** The ending the file ends with. */
  byte[] ending() {
    return ending;
  }

  /** An empty last block after a flush, then the member's trailer: the CRC and length of what it holds. */
  private static byte[] ending(long crc, long length) {
    byte[] ending = new byte[ENDING];
    System.arraycopy(LAST_BLOCK, 0, ending, 0, LAST_BLOCK.length);
    for (int i = 0; i < 4; i++) {
      ending[LAST_BLOCK.length + i] = (byte) (crc >>> (8 * i));
      ending[LAST_BLOCK.length + 4 + i] = (byte) (length >>> (8 * i));
    }
    return ending;
  }

  void close() {
    deflater.end();
  }

  /** What a flush leaves at the end of a member's compressed data: an empty stored block. */
  private static final byte[] FLUSHED = {0, 0, (byte) 0xff, (byte) 0xff};

  /**
   * Ends the member a crash (or a kill) left open at the end of {@code file}, {@code size} bytes long,
   * so that members appended after it can be read: its lines are read again to learn their CRC and
   * length, then the ending is written. A file that ends otherwise (ended, or not written by
   * peacepath) is left as it is.
   *
   * @return the file's length afterwards
   */
  static long endLeftOpen(Path file, long size) throws IOException {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      if (size < HEADER.length + FLUSHED.length || !java.util.Arrays.equals(read(channel, size - 4, 4), FLUSHED)) {
        return size;
      }
      long start = lastHeader(channel, size);
      if (start < 0) {
        return size;
      }
      java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
      CRC32 crc = new CRC32();
      long length = 0;
      try {
        byte[] in = new byte[64 * 1024];
        byte[] out = new byte[256 * 1024];
        long at = start + HEADER.length;
        while (at < size) {
          int n = channel.read(java.nio.ByteBuffer.wrap(in, 0, (int) Math.min(in.length, size - at)), at);
          at += n;
          inflater.setInput(in, 0, n);
          while (!inflater.needsInput() && !inflater.finished()) {
            int got = inflater.inflate(out);
            crc.update(out, 0, got);
            length += got;
          }
        }
        if (inflater.finished()) {
          return size; // an ended member after all
        }
      } catch (java.util.zip.DataFormatException e) {
        return size; // not a stream this log wrote: left alone
      } finally {
        inflater.end();
      }
      byte[] ending = ending(crc.getValue(), length);
      channel.write(java.nio.ByteBuffer.wrap(ending), size);
      return size + ending.length;
    }
  }

  private static byte[] read(java.nio.channels.FileChannel channel, long at, int length) throws IOException {
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(length);
    while (bytes.hasRemaining() && channel.read(bytes, at + bytes.position()) > 0) {
      // read on
    }
    return bytes.array();
  }

  /** Where the last member this log began starts: its header, sought backwards from the end. */
  private static long lastHeader(java.nio.channels.FileChannel channel, long size) throws IOException {
    int chunk = 1 << 20;
    long end = size;
    while (end > 0) {
      long from = Math.max(0, end - chunk);
      // overlap by the header's length, so that a header across two chunks is found
      byte[] bytes = read(channel, from, (int) (Math.min(size, end + HEADER.length - 1) - from));
      for (int i = bytes.length - HEADER.length; i >= 0; i--) {
        if (java.util.Arrays.equals(bytes, i, i + HEADER.length, HEADER, 0, HEADER.length)) {
          return from + i;
        }
      }
      end = from;
    }
    return -1;
  }
}
