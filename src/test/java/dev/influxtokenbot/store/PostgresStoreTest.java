package dev.influxtokenbot.store;

import dev.influxtokenbot.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store on a real PostgreSQL, as several instances share it. Skipped, with the reason, where no
 * PostgreSQL answers; CI starts one and requires these tests to run.
 */
class PostgresStoreTest extends StoreContract {
    /** A database of this test's own, created when the test first opens it. */
    private String url;

    @BeforeAll
    static void needsPostgres() {
        TestPostgres.assumeReachable();
    }

    @AfterEach
    void dropDatabase() {
        if (url != null) {
            TestPostgres.dropDatabase(url);
        }
    }

    @Override
    Database open() {
        if (url == null) {
            url = TestPostgres.createDatabase();
        }
        return Database.postgres(url, null, null, "test database");
    }
}
