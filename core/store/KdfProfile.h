#pragma once

#include <QString>

#include <cstdint>

namespace claimdesk::core {

// Argon2id cost. The default everywhere is moderate(); fastForTestsOnly() exists so test fixtures can
// create many vaults quickly and is never chosen implicitly by any production code path.
struct KdfProfile {
    std::uint64_t opsLimit = 0;
    std::uint64_t memLimitBytes = 0;

    static KdfProfile moderate();        // libsodium MODERATE: ~0.4 s, 256 MiB on the reference machine
    static KdfProfile interactive();     // libsodium INTERACTIVE: ~64 ms, 64 MiB
    static KdfProfile fastForTestsOnly();  // libsodium's minimums: milliseconds; tests only

    bool operator==(const KdfProfile&) const = default;
};

}  // namespace claimdesk::core
