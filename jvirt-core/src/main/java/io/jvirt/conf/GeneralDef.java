package io.jvirt.conf;

/**
 * Descriptive parts of a domain that do not change how it runs.
 *
 * @param title       {@code <title>}, or null
 * @param description {@code <description>}, or null
 * @param metadata    the children of {@code <metadata>} as XML text kept verbatim, or null
 * @param genid       {@code <genid>}: the VM generation id; "" when written empty (post-parse then
 *                    assigns one), or null when absent
 */
public record GeneralDef(String title, String description, String metadata, String genid) {
    public static final GeneralDef EMPTY = new GeneralDef(null, null, null, null);

    public GeneralDef(String title, String description, String metadata) {
        this(title, description, metadata, null);
    }

    public GeneralDef withGenid(String g) {
        return new GeneralDef(title, description, metadata, g);
    }
}
