package io.jvirt.cli.virsh;

import io.jvirt.Connect;
import io.jvirt.Flags;
import io.jvirt.Secret;
import io.jvirt.cli.CliError;
import io.jvirt.conf.SecretDef;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

/** secret-define, secret-dumpxml, secret-set-value, secret-get-value, secret-undefine, secret-list. */
public final class SecretCommands {
    private SecretCommands() {
    }

    private static Connect conn() {
        return Session.current().conn();
    }

    /** A secret by UUID (virsh also takes a usage id, for volume secrets). */
    private static Secret lookup(String arg) {
        try {
            try {
                return conn().secretLookupByUUID(UUID.fromString(arg));
            } catch (IllegalArgumentException notUuid) {
                return conn().secretLookupByUsage(1, arg);
            }
        } catch (LibvirtException e) {
            throw new CliError("failed to get secret '" + arg + "'", e);
        }
    }

    @Command(name = "secret-define", description = "define or modify a secret from an XML file")
    static void define(@Parameters(paramLabel = "FILE", description = "file containing secret attributes in XML") String file) {
        String xml = LifecycleCommands.readFile(file);
        try {
            Secret s = conn().secretDefineXML(xml, 0);
            Session.current().print("Secret " + s.getUUIDString() + " created");
        } catch (LibvirtException e) {
            throw new CliError("Failed to set attributes from " + file, e);
        }
    }

    @Command(name = "secret-dumpxml", description = "secret attributes in XML")
    static void dumpxml(@Parameters(paramLabel = "SECRET", description = "secret UUID") String arg) {
        Secret s = lookup(arg);
        try {
            Session.current().print(s.getXMLDesc(0));
        } catch (LibvirtException e) {
            throw new CliError("failed to get secret '" + arg + "'", e);
        }
    }

    @Command(name = "secret-set-value", description = "set a secret value")
    static void setValue(@Parameters(paramLabel = "SECRET", description = "secret UUID") String arg,
                         @Option(names = "--base64", paramLabel = "VALUE", description = "base64-encoded secret value")
                         String base64,
                         @Option(names = "--file", paramLabel = "FILE", description = "read secret from file") String file,
                         @Option(names = "--plain", description = "read the secret from file without converting from base64")
                         boolean plain) {
        if ((base64 == null) == (file == null)) {
            throw new CliError("exactly one of --base64 and --file is required");
        }
        if (plain && file == null) {
            throw new CliError("--plain requires --file");
        }
        Secret s = lookup(arg);
        byte[] value;
        if (base64 != null) {
            System.err.println("error: Passing secret value as command-line argument is insecure!");
            value = decode(base64);
        } else {
            byte[] raw;
            try {
                raw = Files.readAllBytes(Path.of(file));
            } catch (IOException e) {
                throw new CliError("failed to read '" + file + "': " + e.getMessage());
            }
            value = plain ? raw : decode(new String(raw, StandardCharsets.US_ASCII).strip());
        }
        try {
            s.setValue(value, 0);
            Session.current().print("Secret value set");
        } catch (LibvirtException e) {
            throw new CliError("Failed to set secret value", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CliError("Invalid base64 data");
        }
    }

    @Command(name = "secret-get-value", description = "Output a secret value")
    static void getValue(@Parameters(paramLabel = "SECRET", description = "secret UUID") String arg,
                         @Option(names = "--plain", description = "get value without converting to base64") boolean plain) {
        Secret s = lookup(arg);
        byte[] v;
        try {
            v = s.getValue(0);
        } catch (LibvirtException e) {
            throw new CliError("failed to get secret value", e);
        }
        Session.current().printRaw((plain ? new String(v, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(v))
                + "\n");
    }

    @Command(name = "secret-undefine", description = "undefine a secret")
    static void undefine(@Parameters(paramLabel = "SECRET", description = "secret UUID") String arg) {
        Secret s = lookup(arg);
        try {
            s.undefine();
            Session.current().print("Secret " + s.getUUIDString() + " deleted");
        } catch (LibvirtException e) {
            throw new CliError("Failed to delete secret " + arg, e);
        }
    }

    @Command(name = "secret-list", description = "list secrets")
    static void list(@Option(names = "--ephemeral", description = "list ephemeral secrets") boolean ephemeral,
                     @Option(names = "--no-ephemeral", description = "list non-ephemeral secrets") boolean noEphemeral,
                     @Option(names = "--private", description = "list private secrets") boolean priv,
                     @Option(names = "--no-private", description = "list non-private secrets") boolean noPriv) {
        int flags = (ephemeral ? Flags.ListAllSecrets.EPHEMERAL : 0) | (noEphemeral ? Flags.ListAllSecrets.NO_EPHEMERAL : 0)
                | (priv ? Flags.ListAllSecrets.PRIVATE : 0) | (noPriv ? Flags.ListAllSecrets.NO_PRIVATE : 0);
        Table t = new Table("UUID", "Usage");
        try {
            for (Secret s : conn().listAllSecrets(flags)) {
                t.add(s.getUUIDString(), s.getUsageType() == 0 ? "Unused"
                        : SecretDef.USAGE_TYPES.get(s.getUsageType()) + " " + s.getUsageID());
            }
        } catch (LibvirtException e) {
            throw new CliError("Failed to list secrets", e);
        }
        Session.current().print(t.render());
    }
}
