package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The package's one Jackson mapper: configured once here, thread-safe, used only for trees. */
final class QmpJson {

    /**
     * Trees only (no data binding). Trailing tokens are an error so that a raw passthrough command
     * holding two objects is refused instead of being half sent.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private QmpJson() {
    }
}
