#include "ui/common/PassphraseStrengthHint.h"

#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace claimdesk::ui {

PassphraseStrengthHint::PassphraseStrengthHint(QWidget* parent)
    : QWidget(parent), m_bar(new QProgressBar(this)), m_label(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    m_bar->setRange(0, 4);
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(80);
    m_bar->setMaximumHeight(m_label->fontMetrics().height() / 2 + 2);
    m_bar->setAccessibleName(tr("Passphrase strength"));
    m_label->setWordWrap(true);
    makeSecondary(m_label);
    layout->addWidget(m_bar, 0, Qt::AlignVCenter);
    layout->addWidget(m_label, 1);
    setPassphrase(QString());
}

void PassphraseStrengthHint::setPassphrase(const QString& passphrase)
{
    const int minimum = VaultSession::minimumPassphraseLength();
    m_strength = VaultSession::passphraseStrength(passphrase);
    m_bar->setValue(m_strength);
    if (passphrase.isEmpty()) {
        m_label->setText(tr("At least %n characters. Several unrelated words work well.", nullptr, minimum));
    } else if (passphrase.size() < minimum) {
        m_label->setText(
            tr("Too short: %n more character(s) needed.", nullptr, static_cast<int>(minimum - passphrase.size())));
    } else {
        switch (m_strength) {
        case 1: m_label->setText(tr("Acceptable, but weak. Add another word or two.")); break;
        case 2: m_label->setText(tr("Fair. A longer passphrase would be stronger.")); break;
        case 3: m_label->setText(tr("Good.")); break;
        default: m_label->setText(tr("Strong.")); break;
        }
    }
}

QString PassphraseStrengthHint::text() const
{
    return m_label->text();
}

}  // namespace claimdesk::ui
