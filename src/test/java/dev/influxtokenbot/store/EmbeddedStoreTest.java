package dev.influxtokenbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on the embedded single-file database, the default that needs no setup. */
class EmbeddedStoreTest extends StoreContract {
    @TempDir Path dataDirectory;

    @Override
    Database open() throws Exception {
        return Database.embedded(dataDirectory.resolve("data"));
    }

    @Test
    void embedded_missingDataDirectory_isCreatedOnFirstStart() throws Exception {
        Path nested = dataDirectory.resolve("a/b/c");

        try (Database database = Database.embedded(nested)) {
            assertThat(Files.isDirectory(nested)).isTrue();
            assertThat(nested.resolve("influx-token-bot.mv.db")).exists();
        }
    }

    @Test
    void embedded_dataDirectoryThatIsAFile_failsToOpenAndSaysWhere() throws Exception {
        Path file = Files.writeString(dataDirectory.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> Database.embedded(file)).hasMessageContaining("not-a-directory");
    }
}
