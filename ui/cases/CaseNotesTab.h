#pragma once

#include "cases/CaseTypes.h"
#include "ui/cases/StaffNames.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// Notes: a timeline, newest first, and a box to add one (normal or sensitive). A sensitive note shows as
// "Sensitive note — Show"; showing it (CaseService::revealNote) is recorded in the audit log.
class CaseNotesTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseNotesTab)
public:
    CaseNotesTab(VaultSession& session, Prompter& prompter, qint64 caseId, const StaffNames& staff,
                 QWidget* parent = nullptr);
    ~CaseNotesTab() override;

    void reload();
    void wipe();  // on lock
    int noteCount() const { return static_cast<int>(m_notes.size()); }

private:
    void addNote();
    void rebuild();
    QWidget* card(const core::Note& note);

    VaultSession& m_session;
    Prompter& m_prompter;
    qint64 m_caseId;
    StaffNames m_staff;
    std::vector<core::Note> m_notes;
    QPlainTextEdit* m_newNote;
    QCheckBox* m_sensitive;
    QPushButton* m_add;
    QWidget* m_timeline;
    QVBoxLayout* m_timelineLayout;
    QLabel* m_empty;
};

}  // namespace claimdesk::ui
