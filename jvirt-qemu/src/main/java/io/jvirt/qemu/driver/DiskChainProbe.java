package io.jvirt.qemu.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.BackingStoreDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.DiskSourceDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Detects, at start, the backing chain of a local image whose XML does not describe it, as
 * libvirt 9.0 does: {@code qemu-img info --backing-chain --output=json -U} (the top image opened
 * with the format the XML gives, never probed) lists the images, and the chain becomes
 * {@code <backingStore>} layers of the live definition, so the argv builder gives every layer its
 * own nodes and the live XML shows the chain. An image whose metadata names a backing file but
 * not its format is refused, as libvirt refuses it (probing a format is unsafe). A chain that
 * leaves local files (a backing file given as a URL or a {@code json:} spec) is left to QEMU,
 * which opens it from the image header.
 */
final class DiskChainProbe {
    private static final Set<String> BACKING_FORMATS = Set.of("qcow2", "qcow", "qed", "vmdk");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long QEMU_IMG_SECONDS = 30;

    private DiskChainProbe() {
    }

    static DomainDef describeChains(DomainDef def) {
        List<DiskDef> disks = new ArrayList<>();
        boolean changed = false;
        for (DiskDef d : def.devices().disks()) {
            DiskDef probed = probe(d);
            changed |= probed != d;
            disks.add(probed);
        }
        return changed ? def.withDevices(def.devices().withDisks(disks)) : def;
    }

    private static DiskDef probe(DiskDef d) {
        DiskSourceDef src = d.sourceDef();
        if (src.backingStore() != null || d.source() == null || !BACKING_FORMATS.contains(d.format())
                || !(d.type().equals("file") || d.type().equals("block")) || d.encryption() != null) {
            return d;
        }
        JsonNode chain = info(d);
        if (!chain.isArray() || chain.isEmpty()) {
            return d;
        }
        // build the layers bottom-up: the last image ends the chain
        BackingStoreDef below = BackingStoreDef.NONE;
        for (int i = chain.size() - 1; i >= 1; i--) {
            JsonNode image = chain.get(i);
            JsonNode above = chain.get(i - 1);
            String path = image.path("filename").asText("");
            String format = above.path("backing-filename-format").asText(null);
            if (format == null) {
                throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                        "format of backing image '" + above.path("backing-filename").asText(path) + "' of image '"
                                + above.path("filename").asText() + "' was not specified in the image metadata "
                                + "(See https://libvirt.org/kbase/backing_chains.html for troubleshooting)");
            }
            if (!path.startsWith("/")) {
                return d; // not a local file: QEMU opens the chain from the header
            }
            String type = Files.isRegularFile(Path.of(path)) ? "file" : "block";
            below = new BackingStoreDef(type, format, DiskSourceDef.NONE.withPath(path).withBacking(below));
        }
        return d.withSourceDef(src.withBacking(below));
    }

    private static JsonNode info(DiskDef d) {
        List<String> cmd = List.of("qemu-img", "info", "--backing-chain", "--output=json", "-U", "-f", d.format(),
                d.source());
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(QEMU_IMG_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw failed("timed out probing the backing chain of disk '" + d.targetDev() + "'");
            }
            if (p.exitValue() != 0) {
                throw failed("cannot probe the backing chain of disk '" + d.targetDev() + "' ('" + d.source()
                        + "'): " + err.replace('\n', ' '));
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw failed("cannot probe the backing chain of disk '" + d.targetDev() + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted probing the backing chain of disk '" + d.targetDev() + "'");
        }
    }

    private static OperationFailedException failed(String msg) {
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, msg);
    }
}
