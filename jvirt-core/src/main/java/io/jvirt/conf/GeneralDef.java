package io.jvirt.conf;

/**
 * Descriptive parts of a domain that do not change how it runs.
 *
 * @param title       {@code <title>}, or null
 * @param description {@code <description>}, or null
 * @param metadata    the children of {@code <metadata>} as XML text kept verbatim, or null
 */
public record GeneralDef(String title, String description, String metadata) {
    public static final GeneralDef EMPTY = new GeneralDef(null, null, null);
}
