package org.peacepath.ops;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file at the decision log's path, and its life: opened for appending (a symbolic link refused),
 * followed when an outside tool moves it away or empties it, taken back to its last whole write after a
 * failed one, and, for a compressed log, its crash-left gzip ending repaired on opening. It knows where
 * the last whole write ended; {@link LogFile} writes.
 */
final class LogPath {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

  private final Path path;
  private final GzipMembers gzip;
  private final LogFlusher flusher;
  private final DecisionLog.Disk disk;
  private FileOutputStream out;
  /** The same file as {@link #out}, for a compressed log: positioned over the stream's ending before each write. */
  private java.io.RandomAccessFile positioned;
  private Object fileKey;
  /** The file's length after the last whole write: where a failed write is cut back to. */
  private long end;
  private long checkedAt;

  LogPath(Path path, GzipMembers gzip, LogFlusher flusher, DecisionLog.Disk disk) {
    this.path = path;
    this.gzip = gzip;
    this.flusher = flusher;
    this.disk = disk;
  }

  Path path() {
    return path;
  }

  /** Where the last whole write ended. */
  long end() {
    return end;
  }

  /** The file, open at the path ({@link #openAtPath} first). */
  FileOutputStream out() {
    return out;
  }

  /** For a compressed log: the next write goes at {@code at}, over the stream's ending. */
  void seek(long at) throws IOException {
    positioned.seek(at);
  }

  /** A whole write ended at {@code end}. */
  void written(long end) {
    this.end = end;
    flusher.written(end);
  }

  /**
   * Makes sure the file written is the one at the path, opening it afresh when it was closed after a
   * failure or, looked at no more often than {@link DecisionLog#ROTATION_CHECK}, was moved away or deleted.
   */
  void openAtPath() throws IOException {
    if (out != null) {
      long now = System.nanoTime();
      if (gzip == null && now - checkedAt < DecisionLog.ROTATION_CHECK.toNanos()) {
        // A plain log is looked at now and then: a line or two written to a moved file are still
        // there. A compressed one is looked at before every write: a stream continued in a file
        // emptied under it (copytruncate) would leave it unreadable.
        return;
      }
      checkedAt = now;
      try {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (Objects.equals(fileKey, attributes.fileKey())) {
          if (attributes.size() != end) {
            // Emptied by an outside tool (copytruncate, say): what it holds is where writing goes on.
            written(attributes.size());
            if (gzip != null) {
              gzip.newFile();
            }
          }
          return;
        }
      } catch (NoSuchFileException e) {
        // moved away: started afresh below
      }
      LOG.info("decision log {} was moved away; starting a new file there", path);
    }
    reopen();
  }

  /** Ends what was being written, then opens the file at the path for appending. */
  void reopen() throws IOException {
    Object before = fileKey;
    if (out != null) {
      FileOutputStream old = out;
      out = null;
      positioned = null;
      old.close(); // ended by its last write
    }
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    if (Files.isSymbolicLink(path)) {
      throw new LogTrouble.SymbolicLink(); // before opening: opening would create or write the file it leads to
    }
    // A stream rather than a channel: a thread interrupted while it writes would close a channel for
    // every thread, and here the writing is done by whichever thread is answering.
    if (gzip != null) {
      // Opened to be written where the stream's ending stands, not appended to.
      positioned = new java.io.RandomAccessFile(path.toFile(), "rw");
      out = disk.stream(new FileOutputStream(positioned.getFD()));
    } else {
      out = disk.stream(new FileOutputStream(path.toFile(), true));
    }
    BasicFileAttributes opened = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (opened.isSymbolicLink()) { // put there while the file was being opened
      out.close();
      out = null;
      positioned = null;
      throw new LogTrouble.SymbolicLink();
    }
    boolean same = opened.fileKey() != null && opened.fileKey().equals(before);
    fileKey = opened.fileKey();
    if (gzip != null && same && gzip.open() && opened.size() > end) {
      // A failed write that could not be cut back: cut back now; the next write puts the ending back first.
      out.getChannel().truncate(end);
    } else {
      end = opened.size();
    }
    checkedAt = System.nanoTime();
    flusher.follow(path, end);
    if (gzip != null && (before == null || !before.equals(fileKey) || end == 0)) {
      gzip.newFile();
      if (end > 0) {
        end = GzipMembers.endLeftOpen(path, end);
        if (end != opened.size()) {
          LOG.warn("decision log {} ended with a gzip stream left open (the server stopped without closing "
              + "it); it has been ended, so that the lines written after it can be read", path);
        }
      }
    }
  }

  /** After a failed write, takes the file back to its last whole write, so no line is left cut in half. */
  void cutBack() {
    if (out == null) {
      return;
    }
    try {
      if (gzip != null && gzip.open()) {
        // The write may have begun over the member's ending: it is put back where it stood, over bytes
        // the file already has, so a full disk has room for it, and the file reads to its end.
        positioned.seek(end - GzipMembers.ENDING);
        out.write(gzip.ending());
      }
      if (out.getChannel().size() > end) {
        out.getChannel().truncate(end);
      }
    } catch (IOException e) {
      // the next write to this file puts the ending back before anything else
      LOG.warn("cannot cut the decision log {} back to its last whole line: {}", path, LogTrouble.reason(e));
    }
    try {
      out.close(); // reopened by the next write, which also finds out whether the file works again
    } catch (IOException e) {
      // closing a file that failed: nothing more to do
    }
    out = null;
    positioned = null;
  }

  /** Puts what was written on disk and closes the file. */
  void close() throws IOException {
    if (out != null) {
      out.getFD().sync();
      out.close();
    }
  }
}
