#include "store/SecureBytes.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <utility>

namespace claimdesk::core {

SecureBytes::SecureBytes(std::size_t size) : m_size(size)
{
    if (size == 0) {
        return;
    }
    m_data = static_cast<unsigned char*>(sodium_malloc(size));
    if (m_data == nullptr) {
        std::abort();  // out of locked memory: never fall back to unprotected memory for key material
    }
    sodium_memzero(m_data, size);
}

SecureBytes::~SecureBytes()
{
    clear();
}

SecureBytes::SecureBytes(SecureBytes&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecureBytes SecureBytes::random(std::size_t size)
{
    SecureBytes bytes(size);
    randombytes_buf(bytes.data(), size);
    return bytes;
}

SecureBytes SecureBytes::copyOf(const unsigned char* data, std::size_t size)
{
    SecureBytes bytes(size);
    if (size > 0) {
        std::memcpy(bytes.data(), data, size);
    }
    return bytes;
}

void SecureBytes::clear()
{
    if (m_data != nullptr) {
        sodium_memzero(m_data, m_size);
        sodium_free(m_data);
        m_data = nullptr;
    }
    m_size = 0;
}

bool SecureBytes::equals(const SecureBytes& other) const
{
    return m_size == other.m_size && (m_size == 0 || sodium_memcmp(m_data, other.m_data, m_size) == 0);
}

void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty()) {
        sodium_memzero(bytes.data(), static_cast<std::size_t>(bytes.size()));
    }
    bytes.clear();
}

}  // namespace claimdesk::core
