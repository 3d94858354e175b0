package org.peacepath.ops;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A disk that holds only so many bytes, for the decision log's tests: a write that would take the
 * file past that fills what room there is, then fails as a full disk does. Writing over bytes already
 * in the file takes no room. {@link #fill()} leaves no room; {@link #free()} room without end.
 */
public final class SmallDisk implements DecisionLog.Disk {
  private final AtomicLong capacity;

  public SmallDisk(long capacity) {
    this.capacity = new AtomicLong(capacity);
  }

  /** The decision log at {@code path}, written on this disk. */
  public DecisionLog open(Path path) throws IOException {
    return DecisionLog.open(path, new LogFlusher(), this);
  }

  /** From now on the file grows by no more than {@code bytes}. */
  public void room(long bytes, Path file) throws IOException {
    capacity.set(java.nio.file.Files.size(file) + bytes);
  }

  /** No room left beyond what the file holds. */
  public void fill(Path file) throws IOException {
    room(0, file);
  }

  /** Room without end. */
  public void free() {
    capacity.set(Long.MAX_VALUE);
  }

  @Override
  public FileOutputStream stream(FileOutputStream opened) throws IOException {
    return new FileOutputStream(opened.getFD()) {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        // Where the bytes land: the end of a file open for appending, or where it is positioned.
        long at = opened.getChannel().position();
        long limit = Math.max(opened.getChannel().size(), capacity.get());
        int fits = (int) Math.max(0, Math.min(len, limit - at));
        super.write(b, off, fits);
        if (fits < len) {
          throw new IOException("No space left on device");
        }
      }
    };
  }
}
