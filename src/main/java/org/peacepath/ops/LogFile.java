package org.peacepath.ops;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log's file and its life: opened for appending (a symbolic link refused), written a batch
 * at a time in one append or not at all (a failed write cut back to the last whole line), followed when
 * an outside tool moves it away or empties it, and, for a {@code .gz} path, written as gzip members
 * ({@link GzipMembers}) whose crash-left ending is repaired on opening. Only the thread holding the group
 * commit's turn calls it.
 */
final class LogFile {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

  private final Path path;
  private final GzipMembers gzip;
  private final LogBuffer pending = new LogBuffer();
  private final LogFlusher flusher;
  private final DecisionLog.Disk disk;
  private FileOutputStream out;
  /** The same file as {@link #out}, for a compressed log: positioned over the stream's ending before each write. */
  private java.io.RandomAccessFile positioned;
  private Object fileKey;
  /** The file's length after the last whole write: where a failed write is cut back to. */
  private long end;
  private long checkedAt;
  private volatile String failure;

  private LogFile(Path path, LogFlusher flusher, DecisionLog.Disk disk) {
    this.path = path;
    this.flusher = flusher;
    this.disk = disk;
    boolean compressed = path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
    this.gzip = compressed ? new GzipMembers() : null;
  }

  /** The file at {@code path}, opened for appending. */
  static LogFile open(Path path, LogFlusher flusher, DecisionLog.Disk disk) throws IOException {
    LogFile file = new LogFile(path, flusher, disk);
    file.reopen();
    return file;
  }

  /** Why the last write failed, while the file cannot be written; {@code null} when it is writing. */
  String failure() {
    return failure;
  }

  /**
   * Writes the lines in one append, or none of them, whatever goes wrong: a failed write is cut back to
   * the last whole line.
   *
   * @return why it failed, or {@code null} when it was written
   */
  String write(List<LogLine> lines) {
    try {
      return writeOrFail(lines);
    } catch (RuntimeException | Error e) {
      // Whatever broke, the file keeps whole lines only and the compressor starts afresh.
      LOG.error("cannot write the decision log {}", path, e);
      cutBack();
      if (gzip != null) {
        gzip.lost();
      }
      return "a fault in peacepath kept the line from being written; the server log has the details";
    }
  }

  /**
   * Writes the batch in one append, or none of it: a failed write is cut back to the last whole line.
   *
   * @return why it failed, or {@code null} when it was written
   */
  private String writeOrFail(List<LogLine> lines) {
    try {
      openAtPath();
      pending.reset();
      long at = end;
      if (gzip != null) {
        at = gzip.at(end);
        gzip.compress(lines, pending);
        positioned.seek(at);
      } else {
        for (LogLine line : lines) {
          for (byte[] part : line.parts) {
            pending.write(part);
          }
        }
      }
      out.write(pending.array(), 0, pending.size());
      end = at + pending.size();
      flusher.written(end);
      if (gzip != null) {
        gzip.written();
      }
      if (failure != null) {
        // Said before the answers go, so that whoever they reach finds the log healthy again.
        LOG.info("decision log {} is being written again", path);
        failure = null;
      }
      return null;
    } catch (IOException e) {
      cutBack();
      if (gzip != null) {
        gzip.lost();
      }
      String why = reason(e);
      if (failure == null) {
        LOG.error("cannot write the decision log {}: {}; decisions are refused (503) until it can be", path, why);
      }
      failure = why;
      return why;
    } finally {
      if (pending.size() > 4 * 1024 * 1024) {
        pending.trim(); // a batch of very large answers is not kept in memory afterwards
      }
    }
  }

  /** After a failed write, takes the file back to its last whole write, so no line is left cut in half. */
  private void cutBack() {
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
      LOG.warn("cannot cut the decision log {} back to its last whole line: {}", path, reason(e));
    }
    try {
      out.close(); // reopened by the next write, which also finds out whether the file works again
    } catch (IOException e) {
      // closing a file that failed: nothing more to do
    }
    out = null;
    positioned = null;
  }

  /** Refused to open: a symbolic link stands at the log's path. */
  private static final class SymbolicLink extends IOException {
    SymbolicLink() {
      super("a symbolic link stands at its path, and the decision log follows none (it could lead anywhere); "
          + "give the path of the file itself", null);
    }
  }

  /** Why the file could not be opened or written, in words: never its path, nor the class of what was thrown. */
  static String reason(IOException e) {
    if (e instanceof SymbolicLink) {
      return e.getMessage();
    }
    String message = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : e.getMessage();
    message = message == null ? "" : message.replaceAll("^.* \\((.+)\\)$", "$1"); // "PATH (REASON)": the reason
    if (e instanceof NoSuchFileException || message.contains("No such file")) {
      return "no such folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException || message.contains("Permission denied")) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException || message.contains("Not a directory")) {
      return "a file stands where its folder should be";
    }
    if (message.contains("Is a directory")) {
      return "a folder stands at its path";
    }
    if (message.contains("No space left")) {
      return "no space left on the device";
    }
    if (message.contains("Disk quota exceeded")) {
      return "the disk quota is used up";
    }
    if (message.contains("Read-only file system")) {
      return "the file system is read-only";
    }
    return message.isEmpty() || message.matches("(?s)(.*\\s)?/.*") ? "the operating system refused it" // a path: left out
        : "the operating system refused it: " + message.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Makes sure the file written is the one at the path, opening it afresh when it was closed after a
   * failure or, looked at no more often than {@link DecisionLog#ROTATION_CHECK}, was moved away or deleted.
   */
  private void openAtPath() throws IOException {
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
            end = attributes.size();
            flusher.written(end);
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
  private void reopen() throws IOException {
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
      throw new SymbolicLink(); // before opening: opening would create or write the file it leads to
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
      throw new SymbolicLink();
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

  /** Puts what was written on disk and closes the file (a compressed one is ended by each write). */
  void close() throws IOException {
    try {
      if (out != null) {
        out.getFD().sync();
        out.close();
      }
    } finally {
      flusher.close();
      if (gzip != null) {
        gzip.close();
      }
    }
  }

  /** The path, for the server log. */
  Path path() {
    return path;
  }
}
