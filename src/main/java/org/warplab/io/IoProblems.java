package org.warplab.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Why a file could not be read or written, in words: Java's exceptions often carry only the path
 * ("cannot write /x/r.json" says nothing), while the reason (permission denied, disk full) is what
 * the user needs to act.
 */
public final class IoProblems {

    private IoProblems() {
    }

    /** The file an I/O failure is about (when Java knows it) and the reason: "out/r.json: permission denied (...)". */
    public static String describe(Exception e) {
        if (e instanceof IOException io) {
            String file = io instanceof FileSystemException fs ? fs.getFile() : null;
            return (file == null ? "" : file + ": ") + reason(io);
        }
        if (e instanceof java.io.UncheckedIOException unchecked) {
            return describe(unchecked.getCause());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The reason of an I/O failure, without repeating the path when the caller names it already. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (check the permissions of the file and its folders)";
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or folder" + (missing.getFile() == null ? "" : ": " + missing.getFile());
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return "something is already there" + (exists.getFile() == null ? "" : ": " + exists.getFile());
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        String message = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT) + " error";
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "no space left on the device (the disk is full)";
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only";
        }
        if (lower.contains("disk quota")) {
            return "the disk quota is exceeded";
        }
        if (lower.contains("is a directory")) {
            return "it is a folder, not a file";
        }
        return message;
    }
}
