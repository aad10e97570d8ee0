package dev.nn.cli;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.OutputPaths;
import dev.nn.core.io.ReadOnlyFileSystem;
import dev.nn.core.io.SystemReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The checks on a file or directory a command is asked to write, made before anything is read or written:
 * its folder must exist (a mistyped folder is not created with all its parents); a file must be a new file or an
 * existing regular file — not a directory, a device, a named pipe or a socket, which the atomic write would
 * replace with a plain file — and none of the files the command reads, however it is spelled ({@code ./rows.csv},
 * an absolute path, a symbolic link): writing it would replace the very data it is computed from. A symbolic link
 * to a regular file is written through: the file it points to is replaced and the link stays.
 */
final class OutputFile {
  private OutputFile() {}

  /** The longest file name, in bytes, of ext4, XFS, Btrfs, APFS and NTFS's usual UTF-16 limit in practice. */
  static final int MAX_NAME_BYTES = 255;

  /**
   * Checks {@code output}, given by {@code option}, against the files the command reads.
   *
   * @param inputs each file read, by the option or parameter that names it (e.g. {@code --input}, {@code MODEL});
   *     one that does not exist is passed over (reading it fails on its own)
   * @throws CommandFailure naming the option, the path and what is wrong
   */
  static void check(String option, Path output, Map<String, Path> inputs) {
    if (output.toString().equals("-")) {
      // the usual name of standard output elsewhere: here it would be a file named "-" in the working folder
      throw new CommandFailure("nn: " + option + " -: nn writes files, not standard output; give a file name"
          + " (./- for a file of that name)");
    }
    Path absolute = output.toAbsolutePath();
    Path folder = absolute.getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new CommandFailure("nn: " + option + " " + output + ": the folder " + folder + (Files.exists(folder)
          ? " is a file, not a directory; write to an existing folder"
          : " does not exist; create it first, or write to an existing folder"));
    }
    if (Files.isDirectory(output)) {
      throw new CommandFailure("nn: " + option + " " + output + ": is a directory; expected a file name");
    }
    Path name = output.getFileName();
    int bytes = name == null ? 0 : name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      // the file systems nn runs on take names of 255 bytes: said now, not once the work is done and the write fails
      String shown = name.toString();
      throw new CommandFailure("nn: " + option + ": the file name " + (shown.length() <= 40 ? shown
          : shown.substring(0, 40) + "…") + " is " + bytes + " bytes long in UTF-8; file systems take names of at"
          + " most " + MAX_NAME_BYTES + " bytes. Choose a shorter name");
    }
    if (PathArgument.givenAsFolder(output)) {
      throw new CommandFailure("nn: " + option + " " + output + "/: names a folder (it ends with /), which does not"
          + " exist; expected a file name");
    }
    if (Files.isSymbolicLink(output) && !Files.exists(output)) {
      throw new CommandFailure("nn: " + output + ": a symbolic link to a file that does not exist; " + option
          + " needs a file path (a new file, or an existing file to replace)");
    }
    if (Files.exists(output) && !Files.isRegularFile(output)) {
      throw new CommandFailure("nn: " + output + ": not a regular file; " + option
          + " needs a file path (a new file, or an existing file to replace)");
    }
    if (Files.exists(output) && !Files.isWritable(output)) {
      // the atomic write would replace it by a rename, which its protection does not stop: refused before the work
      throw new CommandFailure(notWritable(option, output, ReadOnlyFileSystem.holds(output), ownedByThisUser(output)));
    }
    if (folder != null) {
      // the atomic write makes its temporary file in the folder, new output or not: tried now, leaving nothing
      try {
        AtomicFiles.tryMakingAFileIn(folder);
      } catch (IOException e) {
        throw new CommandFailure("nn: " + option + " " + output + ": no file can be made in the folder " + folder
            + (ReadOnlyFileSystem.holds(folder) ? ": the file system is read-only (read-only file system); choose a"
                + " file on another file system" : ": " + SystemReason.of(e).orElse("the file system refuses it")
                + "; choose another folder"));
      }
    }
    for (Map.Entry<String, Path> input : inputs.entrySet()) {
      if (sameFile(output, input.getValue())) {
        throw new CommandFailure("nn: " + option + " " + output + " is the same file as " + input.getKey() + " "
            + input.getValue() + "; writing it would replace what is read from it. Choose another file.");
      }
    }
  }

  /**
   * Checks {@code output} against more files the command reads, once it knows them (the data files an experiment
   * names): the same rule as {@link #check}, for files found after the first check.
   *
   * @param what what the files are, for the message: {@code "a data file of EXPERIMENT.yaml"}
   */
  static void checkAgainst(String option, Path output, String what, List<Path> inputs) {
    for (Path input : inputs) {
      if (sameFile(output, input)) {
        throw new CommandFailure("nn: " + option + " " + output + " is the same file as " + what + ", " + input
            + "; writing it would replace what is read from it. Choose another file.");
      }
    }
  }

  /**
   * Checks a directory given by {@code option} to receive what a command writes: it may be created, but only
   * in a folder that exists, and it must not be a file.
   *
   * @throws CommandFailure naming the option, the path and what is wrong
   */
  static void checkDirectory(String option, Path dir) {
    OutputPaths.directoryProblem(dir).ifPresent(problem -> {
      throw new CommandFailure("nn: " + option + " " + dir + ": " + problem);
    });
  }

  /**
   * Checks, leaving nothing behind, that a directory could be created or written in: its nearest existing
   * ancestor must be a directory this process may write to, and one in which a folder can be made — the
   * permission bits do not tell that for every file system ({@code /proc}, a full disk), so an empty hidden folder
   * is made there and removed again.
   *
   * @param what what the directory is for, e.g. "the run directory"
   * @throws CommandFailure naming the directory and the ancestor that refuses
   */
  static void checkWritable(String what, Path dir) {
    Path existing = dir.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new CommandFailure("nn: " + what + " would go in " + dir + ", but " + existing + " is a file");
    }
    if (!Files.isWritable(existing)) {
      throw new CommandFailure("nn: " + what + " would go in " + dir + ", but " + existing
          + " is not writable: " + (ReadOnlyFileSystem.holds(existing) ? "its file system is mounted read-only"
              : "permission denied"));
    }
    try {
      Files.delete(Files.createTempDirectory(existing, ".nn-validate-"));
    } catch (IOException e) {
      throw new CommandFailure("nn: " + what + " would go in " + dir + ", but no folder can be created in "
          + existing + ": " + SystemReason.of(e).orElse("the file system refuses it"));
    }
  }

  /**
   * Why an existing {@code output} this process may not write is refused, with what can help: on a file system
   * mounted read-only no permission can, so that comes first.
   *
   * @param readOnly whether the file is on a file system mounted read-only
   * @param owned whether this process's user owns the file, and so may change its permissions
   */
  static String notWritable(String option, Path output, boolean readOnly, boolean owned) {
    return "nn: " + option + " " + output + ": " + (readOnly
        ? "the file system is read-only (read-only file system); choose a file on another file system"
        : owned ? "the file is write-protected (permission denied); make it writable (chmod u+w) or choose another file"
        : "the file is another user's, and this user may not write it (permission denied); choose another file");
  }

  /** Whether this process's user owns {@code file}, and so may change its permissions. */
  private static boolean ownedByThisUser(Path file) {
    try {
      return Files.getOwner(file).getName().equals(System.getProperty("user.name"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return true;
    }
  }

  /** Whether both paths exist and name one file, through links and any spelling. */
  private static boolean sameFile(Path a, Path b) {
    if (!Files.exists(a) || !Files.exists(b, LinkOption.values())) {
      return false;
    }
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compare " + a + " with " + b, e);
    }
  }
}
