package dev.tokencookie.settings.control;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a team's own signing keys are: a PKCS12 file, its private-key entries (the first signs) and its password,
 * which no log line may ever show.
 */
public record SigningKeystore(Path path, List<String> aliases, String password) {

    public SigningKeystore {
        aliases = List.copyOf(aliases);
    }

    @Override
    public String toString() {
        return "SigningKeystore[path=" + path + ", aliases=" + aliases + ", password=(hidden)]";
    }
}
