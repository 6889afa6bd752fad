package io.jvirt.conf;

import java.util.List;

/**
 * Firmware of an {@code <os>}: automatic selection ({@code firmware='efi|bios'} with
 * {@code <firmware><feature>}), and/or an explicit {@code <loader>} and {@code <nvram>}.
 *
 * @param firmware       "efi" or "bios" for automatic selection, or null
 * @param features       required/refused firmware features (name, enabled), in document order
 * @param loader         the loader path, or null (a loader element may carry only attributes)
 * @param loaderReadonly {@code readonly='yes|no'}, or null
 * @param loaderSecure   {@code secure='yes|no'}, or null
 * @param loaderType     "rom" or "pflash", or null
 * @param hasLoader      whether a {@code <loader>} element was given at all
 * @param nvram          the NVRAM file path, or null
 * @param nvramTemplate  the NVRAM template path, or null
 */
public record FirmwareDef(String firmware, List<Feature> features, String loader, Boolean loaderReadonly,
                          Boolean loaderSecure, String loaderType, boolean hasLoader, String nvram,
                          String nvramTemplate) {
    public static final FirmwareDef NONE = new FirmwareDef(null, List.of(), null, null, null, null, false, null,
            null);

    public FirmwareDef {
        features = List.copyOf(features);
    }

    /** {@code <feature enabled='yes|no' name='secure-boot|enrolled-keys'/>}. */
    public record Feature(String name, boolean enabled) {
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
