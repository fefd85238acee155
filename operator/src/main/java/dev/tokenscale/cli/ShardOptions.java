package dev.tokenscale.cli;

import dev.tokenscale.operator.OperatorOptions;
import dev.tokenscale.operator.ShardSelector;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code run}'s sharding flags: which pools this operator reconciles, and the Lease it elects a
 * leader with. Each shard is its own Deployment with its own Lease; the same Lease for two shards
 * would leave one of them idle.
 */
final class ShardOptions {

    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Option(names = "--shard-selector", defaultValue = "${env:TOKENSCALE_SHARD_SELECTOR}",
            description = "Reconcile only the pools whose labels match this label selector, e.g. tokenscale.dev/shard=a; "
                    + "all pools when unset (env TOKENSCALE_SHARD_SELECTOR).")
    String shardSelector;

    @Option(names = "--lease-name", defaultValue = "${env:TOKENSCALE_LEASE_NAME}",
            description = "The leader-election Lease; default tokenscale-operator, or tokenscale-operator-<hash of the shard "
                    + "selector> with --shard-selector (env TOKENSCALE_LEASE_NAME).")
    String leaseName;

    /** @throws BadInputException naming the flag */
    ShardSelector shard() {
        if (shardSelector == null) {
            return null;
        }
        try {
            return new ShardSelector(shardSelector);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--shard-selector: " + e.getMessage());
        }
    }

    /** @throws BadInputException naming the flag */
    String leaseName(ShardSelector shard) {
        if (leaseName == null) {
            return shard == null ? OperatorOptions.LEASE_NAME : shard.derivedLeaseName();
        }
        String name = leaseName.trim();
        if (name.isEmpty() || name.length() > 253 || !DNS_1123_SUBDOMAIN.matcher(name).matches()) {
            throw new BadInputException("--lease-name: '" + leaseName + "' is not a Lease name (lowercase letters, digits, "
                    + "'-' and '.', starting and ending with a letter or digit, at most 253 characters)");
        }
        return name;
    }
}
