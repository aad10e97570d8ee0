package dev.nn.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Writes files so that a reader never sees half of one: the content goes to a temporary file in the same
 * directory, is flushed to disk, and is then renamed over the target in one step. A run killed midway
 * leaves the old file (or none) and at most a stray {@code .tmp} file, never a truncated target.
 * ({@link CrashPoint} lets tests kill the JVM at either side of the rename.)
 *
 * <p>Files that a run can rebuild from its checkpoints (its metrics, summary and report, rewritten after
 * epochs) skip the flush to disk ({@link #writeRebuildable}): a killed process leaves the page cache to the
 * kernel, so the rename is as safe as ever, and only a crash of the machine itself might leave such a file
 * empty, which a resume rewrites. The flush is what costs (milliseconds a file on a laptop's disk), and a run of
 * many short epochs would otherwise spend most of its time on it.
 */
public final class AtomicFiles {
  /** The page size a write is copied into a file by (x86-64 and most others; a larger page holds whole ones). */
  private static final long PAGE = 4096;

  /**
   * The temporary file of each write in progress, by its target's absolute path; {@link #NO_FILE_YET} from the
   * moment the write begins until its temporary file exists.
   */
  private static final Map<Path, Path> IN_PROGRESS = new ConcurrentHashMap<>();
  private static final Path NO_FILE_YET = Path.of("/dev/null/nn-no-file-yet");
  /** Directories no thread but the one that sealed them may write in any more ({@link #seal}). */
  private static final Map<Path, Thread> SEALED = new ConcurrentHashMap<>();
  /** Targets whose temporary file is deleted when the JVM exits mid-write ({@link #discardPartialOnExit}). */
  private static final Set<Path> DISCARDED_ON_EXIT = ConcurrentHashMap.newKeySet();
  /**
   * Targets a command's notice asks about ({@link #watch}): only theirs are remembered once written, so a long-lived
   * JVM that writes many outputs keeps no record of each.
   */
  private static final Set<Path> WATCHED = ConcurrentHashMap.newKeySet();
  /** Watched targets put in place since they were registered, for {@link #stopOutputs}. */
  private static final Set<Path> WRITTEN = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOK = new AtomicBoolean();
  /**
   * Held while a registered output's temporary file is made or renamed into place, and by the hook that deletes
   * partial outputs: a stop either finds the output renamed (whole) or keeps it from being renamed.
   */
  private static final Object OUTPUTS = new Object();
  /** Set by that hook: registered outputs are no longer begun or renamed into place. */
  private static boolean outputsStopped;
  /**
   * Folders a write under which must find them in place ({@link #keepInPlace}), each with how many hold it and the
   * file in it whose absence also says it is gone.
   */
  private static final Map<Path, Held> IN_PLACE = new ConcurrentHashMap<>();

  /** How many hold a folder in place, and the file in it that must be there too ({@code null} for none). */
  private record Held(int holds, String witness) {}

  /** A hold on a folder's place, released by {@link #close}. */
  public interface InPlace extends AutoCloseable {
    /** Releases the hold; idempotent. */
    @Override
    void close();
  }

  /**
   * Until the hold is closed, a write under {@code dir} fails ({@link FolderGoneException}) when {@code dir} is no
   * longer a directory, or no longer holds {@code witness} (a file that is always there, such as a run's
   * experiment.yaml; {@code null} for none), rather than make it, or its files, again: a run directory moved or
   * deleted while its run trained was otherwise made again at its old path with the files written after (a half run
   * directory, which said the run completed), while the moved one was left looking killed; one emptied by
   * {@code rm -rf}, whose last step failed as the run wrote a file meanwhile, went on as such a half. A write that
   * fails as the folder goes (a checkpoint being written as it is moved) is said so too.
   */
  public static InPlace keepInPlace(Path dir, String witness) {
    Path in = key(dir);
    IN_PLACE.merge(in, new Held(1, witness), (a, b) -> new Held(a.holds() + 1, a.witness()));
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        IN_PLACE.computeIfPresent(in, (k, held) -> held.holds() == 1 ? null : new Held(held.holds() - 1,
            held.witness()));
      }
    };
  }

  /** {@link #keepInPlace(Path, String)} with no witness file. */
  public static InPlace keepInPlace(Path dir) {
    return keepInPlace(dir, null);
  }

  /** Refuses a write of {@code target} (a {@link #key}) under a folder held in place that is gone. */
  private static void refuseIfMoved(Path target, Path given) {
    Path gone = goneFolderOf(target);
    if (gone != null) {
      throw new FolderGoneException(gone, given);
    }
  }

  /** The folder held in place that {@code target} (a {@link #key}) is under and that is gone, or {@code null}. */
  private static Path goneFolderOf(Path target) {
    for (Map.Entry<Path, Held> e : IN_PLACE.entrySet()) {
      Path held = e.getKey();
      if (target.startsWith(held) && (!Files.isDirectory(held)
          || e.getValue().witness() != null && !Files.exists(held.resolve(e.getValue().witness())))) {
        return held;
      }
    }
    return null;
  }

  /** The folder held in place that {@code target} (a {@link #key}) is under, or {@code null}. */
  private static Path heldFolderOf(Path target) {
    for (Path held : IN_PLACE.keySet()) {
      if (target.startsWith(held)) {
        return held;
      }
    }
    return null;
  }

  /**
   * Makes {@code dir}, the folder of a file to write: below a folder held in place only the levels under it, one by
   * one, so that a held folder that is gone is not made again with them.
   */
  private static void makeFolders(Path dir) throws IOException {
    Path held = heldFolderOf(key(dir));
    if (held == null) {
      Files.createDirectories(dir);
      return;
    }
    Path level = held;
    for (Path name : held.relativize(key(dir))) {
      level = level.resolve(name);
      if (!Files.isDirectory(level)) {
        try {
          Files.createDirectory(level);
        } catch (java.nio.file.FileAlreadyExistsException madeMeanwhile) {
          // another thread made it
        }
      }
    }
  }

  /** The failure of a write of {@code given}: a {@link FolderGoneException} when its held folder went meanwhile. */
  private static UncheckedIOException failed(Path key, Path given, Exception e) {
    Path gone = goneFolderOf(key);
    if (gone == null && (e instanceof java.nio.file.NoSuchFileException
        || e.getCause() instanceof java.nio.file.NoSuchFileException)) {
      // a file of this write vanished under a held folder: something is deleting the folder (rm -rf, not yet at
      // the witness), which nn never does while it writes there
      gone = heldFolderOf(key);
    }
    if (gone != null && !(e instanceof FolderGoneException)) {
      FolderGoneException moved = new FolderGoneException(gone, given);
      moved.addSuppressed(e);
      return moved;
    }
    return e instanceof UncheckedIOException u ? u
        : new UncheckedIOException("cannot write " + given + ": " + SystemReason.describe((IOException) e),
            (IOException) e);
  }

  private AtomicFiles() {}

  /** A file's stream that its writer cannot close: closing it flushes it. */
  private static final class KeptOpen extends java.io.FilterOutputStream {
    KeptOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** Something that writes a file's content to a stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Has the next write of {@code target}, if it is under way when the JVM exits on a signal (Ctrl-C, SIGTERM),
   * delete its temporary file, so that a command's output folder is left as it was: for a command's single output (a
   * prediction, an export), which nothing resumes. A run's own files are not registered: its shutdown hook waits
   * for their writes to finish, and a resume clears what a kill -9 leaves. A kill -9 leaves the temporary
   * file, which the target's next write deletes once it is old.
   */
  public static void discardPartialOnExit(Path target) {
    WRITTEN.remove(key(target));
    DISCARDED_ON_EXIT.add(key(target));
    if (HOOK.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deletePartialOutputs, "nn-partial-outputs"));
    }
  }

  private static void deletePartialOutputs() {
    synchronized (OUTPUTS) {
      outputsStopped = true;
      for (Path target : DISCARDED_ON_EXIT) {
        Path tmp = IN_PROGRESS.get(target);
        if (tmp != null && tmp != NO_FILE_YET) {
          try {
            Files.deleteIfExists(tmp);
          } catch (IOException e) {
            // the JVM is exiting: a stray temporary file is all that is left
          }
        }
      }
    }
  }

  /** Has {@link #stopOutputs} tell whether {@code target} was written, until {@link #unwatch}. */
  public static void watch(Path target) {
    WATCHED.add(key(target));
  }

  /** Forgets {@code target}'s {@link #watch}, and whether it was written. */
  public static void unwatch(Path target) {
    WATCHED.remove(key(target));
    WRITTEN.remove(key(target));
  }

  /** How many targets are remembered as written, for tests: none once their notices are gone. */
  static int remembered() {
    return WRITTEN.size();
  }

  /** Where a registered output stands once outputs are stopped. */
  public enum Stopped {
    /** Its write had not begun: nothing of it was made. */
    NOT_BEGUN,
    /** Its write was under way: its temporary file is deleted, and it is never put in place. */
    CUT,
    /** It was put in place, whole, before the stop. */
    WRITTEN
  }

  /**
   * Stops registered outputs as the JVM's exit does ({@link #discardPartialOnExit}; the same step, taken once
   * whichever comes first) and says where {@code target}'s write stands ({@link #watch}ed before its write), for a
   * command's shutdown hook that tells
   * the user whether its output was written. Once this returns, the answer holds: no registered output is begun
   * or put in place after it.
   */
  public static Stopped stopOutputs(Path target) {
    Path key = key(target);
    synchronized (OUTPUTS) {
      boolean underWay = IN_PROGRESS.containsKey(key);
      deletePartialOutputs();
      // put in place counts first: the writer is still in its write (cleaning up) just after the rename
      return WRITTEN.contains(key) ? Stopped.WRITTEN : underWay ? Stopped.CUT : Stopped.NOT_BEGUN;
    }
  }

  /** Refuses to begin, or to put in place, a registered output once the JVM is stopping. Holds {@link #OUTPUTS}. */
  private static void refuseIfStopped(Path key, Path given) {
    if (outputsStopped && DISCARDED_ON_EXIT.contains(key)) {
      throw new UncheckedIOException("cannot write " + given + ": the process is stopping",
          new IOException("the process is stopping"));
    }
  }

  /**
   * From now on only the calling thread may write files in {@code dir}; a write another thread begins there
   * fails ({@link UncheckedIOException}) before it creates anything. Then waits up to {@code maxMillis} for the
   * writes already in progress there to finish, and deletes the temporary file of any still under way. For a
   * shutdown hook that records how a run ended: once the hooks are done the JVM halts whatever its threads are
   * doing, so without this a write cut short would leave a hidden temporary file, and one begun after the record
   * would leave a file newer than it.
   */
  public static void seal(Path dir, long maxMillis) {
    Path in = key(dir);
    SEALED.put(in, Thread.currentThread());
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    while (writingIn(in) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Map.Entry<Path, Path> write : IN_PROGRESS.entrySet()) {
      if (write.getKey().startsWith(in) && write.getValue() != NO_FILE_YET) {
        try {
          Files.deleteIfExists(write.getValue());
        } catch (IOException e) {
          // the JVM is exiting: a stray temporary file is all that is left, which a resume clears
        }
      }
    }
  }

  private static boolean writingIn(Path dir) {
    return IN_PROGRESS.keySet().stream().anyMatch(target -> target.startsWith(dir));
  }

  /** Refuses a write of {@code target} (a {@link #key}) in a directory another thread sealed. */
  private static void refuseIfSealed(Path target, Path given) {
    for (Map.Entry<Path, Thread> sealed : SEALED.entrySet()) {
      if (target.startsWith(sealed.getKey()) && sealed.getValue() != Thread.currentThread()) {
        throw new UncheckedIOException("cannot write " + given + ": the process is stopping",
            new IOException("the process is stopping"));
      }
    }
  }

  /** How a target is known in the registry of writes in progress: absolute and normalised. */
  private static Path key(Path target) {
    return target.toAbsolutePath().normalize();
  }

  /** Atomically replaces {@code target} with what {@code content} writes, flushed to disk before the rename. */
  public static void write(Path target, Content content) {
    write(target, content, true);
  }

  /** Atomically replaces {@code target} with UTF-8 text, not flushed to disk: for files a run rebuilds. */
  public static void writeRebuildable(Path target, String text) {
    write(target, utf8(text), false);
  }

  private static void write(Path given, Content content, boolean flush) {
    Path key = key(given);
    // registered before the seal is checked, so that a thread sealing the directory either sees this write and
    // waits for it, or this write sees the seal
    IN_PROGRESS.put(key, NO_FILE_YET);
    try {
      refuseIfSealed(key, given);
      refuseIfMoved(key, given);
      Path target = destination(given);
      Path dir = target.toAbsolutePath().getParent();
      makeFolders(dir);
      CrashPoint.writing(target);
      Path tmp;
      synchronized (OUTPUTS) {
        refuseIfStopped(key, given);
        tmp = temporaryIn(dir, target, given);
        IN_PROGRESS.put(key, tmp);
      }
      try {
        // java.io's stream, not a channel: a channel is closed by its thread's interruption, and the run's record
        // written as training ends (its status, summary, model) failed half-way when an interrupt came then. A write
        // always finishes; the interrupt stays set for the code that checks it (the trainer at its next batch, a
        // prediction at its next block of rows).
        try (java.io.FileOutputStream file = new java.io.FileOutputStream(tmp.toFile())) {
          // the content may close what it is given: the descriptor stays open for the flush to disk
          content.writeTo(new KeptOpen(file));
          if (flush) {
            file.getFD().sync();
          }
        }
        keepPermissionsOf(target, tmp);
        CrashPoint.reached(target, "temp");
        synchronized (OUTPUTS) {
          refuseIfStopped(key, given);
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
          }
          if (DISCARDED_ON_EXIT.contains(key) && WATCHED.contains(key)) {
            WRITTEN.add(key);
          }
        }
        CrashPoint.reached(target, "renamed");
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | UncheckedIOException e) {
      throw failed(key, given, e);
    } finally {
      IN_PROGRESS.remove(key);
      // registered for this write alone: a long-lived JVM does not gather every output it ever wrote
      DISCARDED_ON_EXIT.remove(key);
    }
  }

  /**
   * A new hidden file in {@code dir} for the write of {@code target}. That it cannot be made is a fact about the
   * folder (not writable, full): the message names the folder, not the hidden name the user never chose.
   */
  private static Path temporaryIn(Path dir, Path target, Path given) throws IOException {
    String stem = "." + fitting(target.getFileName().toString(), NAME_BYTES - TEMPORARY_TAIL);
    removeAbandonedTemporaries(dir, stem);
    try {
      while (true) {
        Path tmp = dir.resolve(stem + "." + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
          // made as any new file is, so the user's umask decides who may read it, as it does the output's; a
          // file it replaces passes its own permissions on
          Files.createFile(tmp);
        } catch (java.nio.file.FileAlreadyExistsException taken) {
          continue;
        }
        return tmp;
      }
    } catch (java.nio.file.FileSystemException e) {
      throw new UncheckedIOException("cannot write " + given + ": cannot create a file in the folder " + dir + ": "
          + SystemReason.of(e).orElse(e.getClass().getSimpleName()), e);
    }
  }

  /**
   * Deletes the temporary files of earlier writes of the same target that a {@code kill -9} left in {@code dir}:
   * regular files named as {@link #temporaryIn} names them, untouched for {@link AbandonedFolders#AGE} (a write in
   * progress touches its file as it goes). Best effort.
   */
  private static void removeAbandonedTemporaries(Path dir, String stem) {
    removeAbandoned(dir, java.util.regex.Pattern.compile(
        java.util.regex.Pattern.quote(stem) + "\\.[0-9a-z]{1,13}\\.tmp"));
  }

  /** The name of a {@link #tryMakingAFileIn} file. */
  private static final java.util.regex.Pattern TRIAL = java.util.regex.Pattern.compile("\\.nn-check-[0-9]+\\.tmp");

  /**
   * Makes a hidden file in {@code folder} and removes it: whether a write there could make its temporary file,
   * tried as a command starts so that a folder that takes no file (read-only, write-protected; permission bits do not
   * tell for every file system) costs no work. One that a {@code kill -9} between the two left behind is removed by a
   * later try once untouched for {@link AbandonedFolders#AGE}.
   *
   * @throws IOException as the file system refuses the file
   */
  public static void tryMakingAFileIn(Path folder) throws IOException {
    removeAbandoned(folder, TRIAL);
    Files.delete(Files.createTempFile(folder, ".nn-check-", ".tmp"));
  }

  /** Deletes the regular files of {@code dir} that {@code name} matches, untouched for {@link AbandonedFolders#AGE}. */
  private static void removeAbandoned(Path dir, java.util.regex.Pattern name) {
    java.time.Instant before = java.time.Instant.now().minus(AbandonedFolders.AGE);
    try (var stray = Files.newDirectoryStream(dir, p -> name.matcher(p.getFileName().toString()).matches()
        && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before))) {
      for (Path p : stray) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException ignored) {
      // a stray hidden file harms nothing but the folder's tidiness
    }
  }

  /**
   * The file a write of {@code target} replaces: {@code target} itself, or for a symbolic link the file it points
   * to (the link stays, as when a shell writes through it). Only a regular file is replaced: renaming over a
   * device, a named pipe or a socket would put a plain file in its place, so such a target, and a link to a file
   * that does not exist, is refused.
   */
  private static Path destination(Path target) throws IOException {
    Path file = target;
    if (Files.isSymbolicLink(target)) {
      if (!Files.exists(target)) {
        throw new FileSystemException(target.toString(), null,
            "a symbolic link to " + Files.readSymbolicLink(target) + ", which does not exist");
      }
      file = target.toRealPath();
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new FileSystemException(target.toString(), null,
          Files.isDirectory(file) ? "is a directory" : "not a regular file");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      // a rename needs only the folder's permission: a file its owner protected is refused, as writing it in place is
      throw ReadOnlyFileSystem.refusal(ReadOnlyFileSystem.holds(file));
    }
    return file;
  }

  /**
   * Gives {@code tmp}, written, the permissions of the file {@code target} it replaces, if there is one: after the
   * writing, since a read-only file's permissions would refuse it.
   */
  private static void keepPermissionsOf(Path target, Path tmp) throws IOException {
    if (Files.exists(target) && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
      keepOwnerOf(target, tmp);
    }
  }

  /**
   * Gives {@code tmp} the owner and group of {@code target}, as a shell's {@code >} keeps them: a user's 640 file
   * rewritten by root (an admin, a container) would otherwise become root's, and no longer the user's to read.
   * Only a privileged process may give a file away; for anyone else a file they replace is theirs or their
   * group's already, and the attempt is skipped.
   */
  private static void keepOwnerOf(Path target, Path tmp) throws IOException {
    PosixFileAttributes was = Files.readAttributes(target, PosixFileAttributes.class);
    PosixFileAttributes now = Files.readAttributes(tmp, PosixFileAttributes.class);
    try {
      if (!was.owner().equals(now.owner())) {
        Files.setOwner(tmp, was.owner());
      }
      if (!was.group().equals(now.group())) {
        Files.getFileAttributeView(tmp, PosixFileAttributeView.class).setGroup(was.group());
      }
    } catch (FileSystemException e) {
      // not privileged (EPERM): the file becomes the writer's, as any new file written by them is
    }
  }

  /** The bytes a file name may hold on the file systems nn writes to (Linux, macOS, Windows: 255). */
  private static final int NAME_BYTES = 255;
  /** The bytes a temporary name adds to the target's: ".", "." and up to 13 base-36 digits, ".tmp". */
  private static final int TEMPORARY_TAIL = 1 + 1 + 13 + 4;

  /**
   * The longest start of {@code name} whose UTF-8 bytes fit {@code bytes}: a temporary name keeps the start of its
   * target's, so that a target whose name is as long as the file system allows still has a temporary beside it.
   */
  private static String fitting(String name, int bytes) {
    int end = name.length();
    while (name.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > bytes) {
      end = Character.isLowSurrogate(name.charAt(end - 1)) && end > 1 ? end - 2 : end - 1;
    }
    return name.substring(0, end);
  }

  /**
   * Adds {@code line} to the end of {@code target} (which exists), not flushed to disk: for a file a run rebuilds
   * on resume, grown a line at a time, so that each line costs its own length rather than the whole file's. The
   * line is appended in one write when it lies within one 4,096-byte page of the file; a line that would cross
   * a page boundary replaces the file with {@code whole} (the file's content followed by the line) by an atomic
   * rename instead — once in every few dozen lines of a metrics file. The reason: Linux copies a write into a
   * file page by page, making each page's part visible to readers (and checking for a kill) as it goes, so a
   * reader could see the first part of a line that crosses a page and a killed process could leave it, while
   * a write within one page is seen whole or not at all. A crash of the machine might still cut a line, which
   * a resume repairs by rewriting the file. For {@link CrashPoint} an append is a write of {@code target}: its
   * stage {@code temp} is just before the line reaches the file, {@code renamed} just after.
   */
  public static void appendRebuildable(Path target, String line, Supplier<String> whole) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      return;
    }
    refuseIfMoved(key(target), target);
    long size;
    try {
      size = Files.size(target);
    } catch (IOException e) {
      throw failed(key(target), target, e);
    }
    if (size / PAGE != (size + bytes.length - 1) / PAGE) {
      writeRebuildable(target, whole.get());
      return;
    }
    refuseIfSealed(key(target), target);
    CrashPoint.writing(target);
    CrashPoint.reached(target, "temp");
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
    try (var channel = java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.WRITE,
        java.nio.file.StandardOpenOption.APPEND)) {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw failed(key(target), target, e);
    }
    CrashPoint.reached(target, "renamed");
  }

  /**
   * Whether a test has set a crash point in this JVM ({@code -Dnn.crash-at}); a run then writes its progress
   * after every epoch, so that write counts do not depend on timing.
   */
  public static boolean crashPointSet() {
    return CrashPoint.set();
  }

  /** Atomically replaces {@code target} with UTF-8 text. */
  public static void writeString(Path target, String text) {
    write(target, utf8(text), true);
  }

  private static Content utf8(String text) {
    return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
