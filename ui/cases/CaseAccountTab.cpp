#include "ui/cases/CaseAccountTab.h"

#include "ui/cases/CaseAccess.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"

#include "cases/CaseService.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace claimdesk::ui {

CaseAccountTab::CaseAccountTab(VaultSession& session, Prompter& prompter, qint64 caseId, bool hasAccount,
                               QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_prompter(prompter),
      m_caseId(caseId),
      m_hasAccount(hasAccount),
      m_stack(new QStackedWidget(this)),
      m_warning(new QLabel(this)),
      m_warningDetail(new QLabel(this)),
      m_show(new QPushButton(this)),
      m_editor(new QPlainTextEdit(this)),
      m_shownNote(new QLabel(this)),
      m_hide(new QPushButton(tr("&Hide account"), this))
{
    setObjectName(QStringLiteral("accountTab"));
    m_warning->setObjectName(QStringLiteral("contentWarningLabel"));
    m_warningDetail->setObjectName(QStringLiteral("contentWarningDetailLabel"));
    m_show->setObjectName(QStringLiteral("showAccountButton"));
    m_editor->setObjectName(QStringLiteral("accountEdit"));
    m_shownNote->setObjectName(QStringLiteral("accountShownLabel"));
    m_hide->setObjectName(QStringLiteral("hideAccountButton"));

    // The warning: a calm card in the middle, with one clear choice.
    auto* card = new QFrame;
    card->setObjectName(QStringLiteral("contentWarningCard"));
    card->setFrameShape(QFrame::StyledPanel);
    card->setBackgroundRole(QPalette::Base);
    card->setAutoFillBackground(true);
    card->setMaximumWidth(560);
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    makeSubheading(m_warning);
    m_warningDetail->setWordWrap(true);
    m_warningDetail->setTextFormat(Qt::PlainText);
    makeSecondary(m_warningDetail);
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(28, 24, 28, 24);
    cardLayout->setSpacing(12);
    cardLayout->addWidget(m_warning);
    cardLayout->addWidget(m_warningDetail);
    auto* showRow = new QHBoxLayout;
    showRow->addWidget(m_show);
    showRow->addStretch(1);
    cardLayout->addLayout(showRow);
    auto* warningPage = new QWidget;
    auto* warningLayout = new QVBoxLayout(warningPage);
    warningLayout->addStretch(1);
    auto* centred = new QHBoxLayout;
    centred->addStretch(1);
    centred->addWidget(card, 4);
    centred->addStretch(1);
    warningLayout->addLayout(centred);
    warningLayout->addStretch(2);

    auto* editorPage = new QWidget;
    m_editor->setTabChangesFocus(true);
    m_editor->setPlaceholderText(tr("The client's account, in their own words."));
    m_shownNote->setWordWrap(true);
    makeSecondary(m_shownNote);
    auto* editorLayout = new QVBoxLayout(editorPage);
    editorLayout->setContentsMargins(12, 12, 12, 12);
    auto* top = new QHBoxLayout;
    top->addWidget(m_shownNote, 1);
    top->addWidget(m_hide);
    editorLayout->addLayout(top);
    editorLayout->addWidget(m_editor, 1);

    m_stack->addWidget(warningPage);
    m_stack->addWidget(editorPage);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_show, &QPushButton::clicked, this, &CaseAccountTab::showAccount);
    connect(m_hide, &QPushButton::clicked, this, &CaseAccountTab::hideAccount);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading) {
            m_dirty = true;
            emit edited();
        }
    });
    hideAccount();
}

CaseAccountTab::~CaseAccountTab() = default;

bool CaseAccountTab::isShown() const
{
    return m_stack->currentIndex() == 1;
}

QString CaseAccountTab::editedAccount() const
{
    return m_editor->toPlainText();
}

void CaseAccountTab::markSaved()
{
    m_dirty = false;
    m_hasAccount = !m_editor->toPlainText().trimmed().isEmpty();
}

void CaseAccountTab::showAccount()
{
    if (m_dirty || !m_hasAccount) {
        showEditor();  // their own unsaved words, or nothing recorded yet: nothing to reveal
        return;
    }
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    auto revealed = cases->revealAccount(m_caseId);
    if (!revealed) {
        m_prompter.reportError(this, tr("The account could not be shown"), revealed.error());
        return;
    }
    m_loading = true;
    m_editor->setPlainText(*revealed);
    m_loading = false;
    showEditor();
}

void CaseAccountTab::showEditor()
{
    m_shownNote->setText(m_hasAccount ? tr("Showing the account. Each showing is recorded in the case history. Hide "
                                           "it when you have finished reading.")
                                      : tr("No account has been recorded yet. Write it in the client's own words; "
                                           "it is saved with the case (Ctrl+S)."));
    m_stack->setCurrentIndex(1);
    m_editor->setFocus();
}

void CaseAccountTab::hideAccount()
{
    if (!m_dirty) {
        m_loading = true;
        m_editor->clear();  // not kept on screen or in the widget once hidden
        m_loading = false;
    }
    if (m_hasAccount || m_dirty) {
        m_warning->setText(tr("This is the client's own account of abuse. It may be distressing to read."));
        m_warningDetail->setText(
            m_dirty ? tr("You have unsaved changes to the account. They are kept while it is hidden.")
                    : tr("It stays hidden until you choose to show it. Each time it is shown, that is recorded in "
                         "the case history. Take a moment if you need one."));
        m_show->setText(tr("&Show account"));
    } else {
        m_warning->setText(tr("No account has been recorded for this case yet."));
        m_warningDetail->setText(tr("The account is the client's narrative, recorded once so they do not have to "
                                    "tell it again. When written, it stays hidden behind this warning."));
        m_show->setText(tr("&Write the account…"));
    }
    m_stack->setCurrentIndex(0);
}

void CaseAccountTab::setPrivacyMode(bool on)
{
    if (on && isShown()) {
        hideAccount();
    }
}

void CaseAccountTab::wipe()
{
    m_dirty = false;
    hideAccount();
}

}  // namespace claimdesk::ui
