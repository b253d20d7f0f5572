#pragma once

// A fresh vault per test holding the people of a small firm, each signed in on their own Vault object (their
// own connection to the same file, as on separate desktops).
//
// Setting up the firm (an admin adding four users, each changing their one-time passphrase at first
// sign-in, as the vault requires) costs about a third of a second of fsyncs, so it is done once per test
// executable; every TestFirm is then a private copy of that vault and its keyring in its own directory,
// and users are signed in on first use. Time is a FakeClock shared by the copy's sessions.

#include "FakeClock.h"
#include "TestVault.h"

#include "store/Keyring.h"

#include <QFile>
#include <QTemporaryDir>

#include <map>
#include <memory>

namespace claimdesk::test {

class TestFirm {
    // Declared first: the sessions are closed before the clock and the directory go away.
    QTemporaryDir m_dir;
    FakeClock m_clock;
    std::map<QString, std::unique_ptr<core::Vault>> m_sessions;

public:
    // Noon UTC, so "today" is 27 November 2026 in every time zone from UTC-12 to UTC+11.
    static QDateTime startTime() { return QDateTime(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC); }
    static QDate today() { return startTime().date(); }

    TestFirm() : m_clock(startTime())
    {
        const QString source = templateVault();
        if (!m_dir.isValid() || !QFile::copy(source, path())
            || !QFile::copy(core::Keyring::pathFor(source), core::Keyring::pathFor(path()))) {
            qFatal("copying the firm's template vault failed");
        }
    }
    TestFirm(const TestFirm&) = delete;
    TestFirm& operator=(const TestFirm&) = delete;

    QString path() const { return m_dir.filePath(QStringLiteral("firm.claimdesk")); }
    core::VaultOptions options() const
    {
        core::VaultOptions o = fastOptions(m_dir);
        o.clock = &m_clock;
        return o;
    }
    FakeClock& clock() { return m_clock; }

    core::Vault& admin() { return session(QStringLiteral("ada")); }  // Ada Admin
    core::Vault& supervisor() { return session(QStringLiteral("sam")); }  // Sam Supervisor
    core::Vault& solicitor() { return session(QStringLiteral("sol")); }  // Sol Solicitor
    core::Vault& paralegal() { return session(QStringLiteral("pat")); }  // Pat Paralegal
    core::Vault& outsider() { return session(QStringLiteral("oli")); }  // Oli Other, a solicitor too

    // The user's session on this copy, signed in on first use.
    core::Vault& session(const QString& username)
    {
        auto& slot = m_sessions[username];
        if (!slot) {
            auto opened = core::Vault::unlock(path(), username, passphraseOf(username), options());
            if (!opened) {
                qFatal("signing in %s failed: %s", qPrintable(username), qPrintable(opened.error().message));
            }
            slot = std::move(*opened);
        }
        return *slot;
    }

    static QByteArray passphraseOf(const QString& username)
    {
        return username == QStringLiteral("ada")
            ? kAdminPassphrase
            : QStringLiteral("%1's own passphrase, changed at first sign-in").arg(username).toUtf8();
    }

private:
    // The firm, set up once per process through the vault's own API.
    static QString templateVault()
    {
        static const std::unique_ptr<QTemporaryDir> dir = [] {
            auto d = std::make_unique<QTemporaryDir>();
            const QString file = d->filePath(QStringLiteral("template.claimdesk"));
            auto created
                = core::Vault::create(file, {QStringLiteral("ada"), QStringLiteral("Ada Admin"), core::Role::Admin},
                                      kAdminPassphrase, fastOptions(*d));
            if (!created) {
                qFatal("creating the firm's vault failed: %s", qPrintable(created.error().message));
            }
            const struct {
                const char16_t* username;
                const char16_t* displayName;
                core::Role role;
            } people[] = {
                {u"sam", u"Sam Supervisor", core::Role::Supervisor},
                {u"sol", u"Sol Solicitor", core::Role::Solicitor},
                {u"pat", u"Pat Paralegal", core::Role::Paralegal},
                {u"oli", u"Oli Other", core::Role::Solicitor},
            };
            for (const auto& person : people) {
                const QString username = QString::fromUtf16(person.username);
                const QByteArray oneTime = QByteArrayLiteral("one-time passphrase for ") + username.toUtf8();
                if (auto added
                    = (*created)->addUser({username, QString::fromUtf16(person.displayName), person.role}, oneTime);
                    !added) {
                    qFatal("adding %s failed: %s", qPrintable(username), qPrintable(added.error().message));
                }
                auto opened = core::Vault::unlock(file, username, oneTime, fastOptions(*d));
                if (!opened) {
                    qFatal("first sign-in of %s failed: %s", qPrintable(username), qPrintable(opened.error().message));
                }
                if (auto changed = (*opened)->changePassphrase(oneTime, passphraseOf(username)); !changed) {
                    qFatal("changing the one-time passphrase of %s failed: %s", qPrintable(username),
                           qPrintable(changed.error().message));
                }
            }
            return d;
        }();
        return dir->filePath(QStringLiteral("template.claimdesk"));
    }
};

}  // namespace claimdesk::test
