package io.marketfeed.sink.file;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Says in a few words why a file operation failed ({@code permission denied}, {@code no space left on device}),
 * for messages that already name the file: {@link FileSystemException}'s own message repeats the path and often
 * leaves the reason out.
 *
 * <p>Stateless.
 */
final class IoReasons {

    private IoReasons() {
    }

    static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // "No space left on device" -> "no space left on device", to read on after a colon.
        return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }
}
