#include "ui/cases/CaseNotesTab.h"

#include "ui/cases/CaseAccess.h"
#include "ui/cases/CaseText.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"

#include "cases/CaseService.h"

#include <QCheckBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace claimdesk::ui {

CaseNotesTab::CaseNotesTab(VaultSession& session, Prompter& prompter, qint64 caseId, const StaffNames& staff,
                           QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_prompter(prompter),
      m_caseId(caseId),
      m_staff(staff),
      m_newNote(new QPlainTextEdit(this)),
      m_sensitive(new QCheckBox(tr("&Sensitive: hide it until someone chooses to show it"), this)),
      m_add(new QPushButton(tr("&Add note"), this)),
      m_timeline(new QWidget),
      m_timelineLayout(new QVBoxLayout(m_timeline)),
      m_empty(new QLabel(tr("No notes yet."), this))
{
    setObjectName(QStringLiteral("notesTab"));
    m_newNote->setObjectName(QStringLiteral("newNoteEdit"));
    m_sensitive->setObjectName(QStringLiteral("sensitiveNoteCheckBox"));
    m_add->setObjectName(QStringLiteral("addNoteButton"));
    m_newNote->setPlaceholderText(tr("Write a note: a call, a meeting, a decision…"));
    m_newNote->setTabChangesFocus(true);
    m_newNote->setFixedHeight(m_newNote->fontMetrics().lineSpacing() * 4 + 14);
    m_sensitive->setToolTip(tr("For details of the abuse or the client's health. A sensitive note is hidden like the "
                               "account, and each showing is recorded."));
    makeSecondary(m_empty);
    connect(m_add, &QPushButton::clicked, this, &CaseNotesTab::addNote);

    m_timelineLayout->setContentsMargins(0, 0, 0, 0);
    m_timelineLayout->setSpacing(8);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_timeline);

    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_sensitive);
    addRow->addStretch(1);
    addRow->addWidget(m_add);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    layout->addWidget(m_newNote);
    layout->addLayout(addRow);
    layout->addSpacing(8);
    layout->addWidget(m_empty);
    layout->addWidget(scroll, 1);
}

CaseNotesTab::~CaseNotesTab() = default;

void CaseNotesTab::reload()
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    auto notes = cases->notes(m_caseId);
    if (!notes) {
        m_prompter.reportError(this, tr("The notes could not be loaded"), notes.error());
        return;
    }
    m_notes = std::move(*notes);
    rebuild();
}

void CaseNotesTab::wipe()
{
    m_notes.clear();
    m_newNote->clear();
    rebuild();
}

void CaseNotesTab::addNote()
{
    const QString text = m_newNote->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_newNote->setFocus();
        return;
    }
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    auto added = cases->addNote(m_caseId, text, m_sensitive->isChecked());
    if (!added) {
        m_prompter.reportError(this, tr("The note was not added"), added.error());  // the text stays in the box
        return;
    }
    m_newNote->clear();
    m_sensitive->setChecked(false);
    reload();
}

void CaseNotesTab::rebuild()
{
    while (QLayoutItem* item = m_timelineLayout->takeAt(0)) {
        if (QWidget* w = item->widget()) {
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    for (const core::Note& note : m_notes) {
        m_timelineLayout->addWidget(card(note));
    }
    m_timelineLayout->addStretch(1);
    m_empty->setVisible(m_notes.empty());
}

QWidget* CaseNotesTab::card(const core::Note& note)
{
    auto* frame = new QFrame(m_timeline);
    frame->setObjectName(note.sensitive ? QStringLiteral("sensitiveNoteCard") : QStringLiteral("noteCard"));
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setBackgroundRole(QPalette::Base);
    frame->setAutoFillBackground(true);
    auto* header = new QLabel(tr("%1 · %2").arg(ukDateTime(note.atUtc), m_staff.nameOf(note.author)), frame);
    header->setTextFormat(Qt::PlainText);
    makeSecondary(header);
    auto* body = new QLabel(frame);
    body->setObjectName(QStringLiteral("noteTextLabel"));
    body->setTextFormat(Qt::PlainText);
    body->setWordWrap(true);
    body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(frame);
    layout->setContentsMargins(12, 8, 12, 10);
    layout->setSpacing(4);
    auto* top = new QHBoxLayout;
    top->addWidget(header, 1);
    layout->addLayout(top);
    layout->addWidget(body);
    if (!note.sensitive) {
        body->setText(note.text);
        return frame;
    }
    body->setText(tr("Sensitive note"));
    makeSecondary(body);
    auto* toggle = new QPushButton(tr("Show"), frame);
    toggle->setObjectName(QStringLiteral("showNoteButton"));
    toggle->setToolTip(tr("Showing a sensitive note is recorded in the case history."));
    top->addWidget(toggle);
    const qint64 noteId = note.id;
    connect(toggle, &QPushButton::clicked, this, [this, body, toggle, noteId] {
        if (toggle->objectName() == QStringLiteral("hideNoteButton")) {
            body->setText(tr("Sensitive note"));
            makeSecondary(body);
            toggle->setText(tr("Show"));
            toggle->setObjectName(QStringLiteral("showNoteButton"));
            return;
        }
        core::CaseService* cases = availableCases(m_session);
        if (cases == nullptr) {
            return;
        }
        auto text = cases->revealNote(noteId);
        if (!text) {
            m_prompter.reportError(this, tr("The note could not be shown"), text.error());
            return;
        }
        body->setPalette(body->parentWidget()->palette());
        body->setText(*text);
        toggle->setText(tr("Hide"));
        toggle->setObjectName(QStringLiteral("hideNoteButton"));
    });
    return frame;
}

}  // namespace claimdesk::ui
