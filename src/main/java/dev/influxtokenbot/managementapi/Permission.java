package dev.influxtokenbot.managementapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One thing a database token may do: an action ({@code read} or {@code write}) on a resource, a
 * database name or {@code *} for all databases.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Permission(String action, String resource) {
    public Permission {
        action = action == null ? "" : action;
        resource = resource == null ? "" : resource;
    }

    /** True when the permission covers every database of the cluster. */
    public boolean coversAllDatabases() {
        return resource.equals("*");
    }
}
