#pragma once

#include <QByteArray>

#include <cstddef>

namespace claimdesk::core {

// A fixed-size secret held in sodium_malloc'ed memory (guard pages, mlock'ed where allowed),
// wiped with sodium_memzero when cleared or destroyed. Move-only.
class SecureBytes {
public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size);
    ~SecureBytes();
    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    SecureBytes(const SecureBytes&) = delete;
    SecureBytes& operator=(const SecureBytes&) = delete;

    static SecureBytes random(std::size_t size);
    static SecureBytes copyOf(const unsigned char* data, std::size_t size);

    unsigned char* data() { return m_data; }
    const unsigned char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_data == nullptr || m_size == 0; }

    // Wipes and frees the memory now.
    void clear();
    bool equals(const SecureBytes& other) const;

private:
    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};

// Wipes a QByteArray's bytes in place (for passphrases that had to pass through Qt strings).
void wipe(QByteArray& bytes);

}  // namespace claimdesk::core
