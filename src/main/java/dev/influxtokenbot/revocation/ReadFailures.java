package dev.influxtokenbot.revocation;

import dev.influxtokenbot.managementapi.ManagementApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a failed read of the Management API means for the user, and what the operator is told. */
final class ReadFailures {
    private static final Logger log = LoggerFactory.getLogger(ReadFailures.class);

    private ReadFailures() {}

    static Outcome.Failed failed(String action, String requester, ManagementApiException failure) {
        if (failure.isCredentialRejected()) {
            warnCredentialRejected(failure);
            return new Outcome.Failed(Outcome.Problem.MANAGEMENT_TOKEN_REJECTED, null);
        }
        log.warn(
                "action={} requester={} outcome=no_answer reason=\"{}\"",
                action,
                requester,
                failure.getMessage());
        return new Outcome.Failed(Outcome.Problem.NO_ANSWER, null);
    }

    static void warnCredentialRejected(ManagementApiException failure) {
        log.warn(
                "The Management API rejected the bot's management token ({}): create a new"
                        + " management token and set INFLUX_MANAGEMENT_TOKEN to it",
                failure.getMessage());
    }
}
