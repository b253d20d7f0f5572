#pragma once

#include "cases/CaseTypes.h"
#include "ui/cases/StaffNames.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QDialog;
class QFrame;
class QLabel;
class QPushButton;
class QTabWidget;

namespace claimdesk::ui {

class CaseAccountTab;
class CaseClientTab;
class CaseHistoryTab;
class CaseIncidentsTab;
class CaseNotesTab;
class CaseOverviewTab;
class CasePartiesTab;
class CaseSection;
class CaseTasksTab;
class CaseTherapyTab;
class ConflictDialog;
class Prompter;
class VaultSession;

// One open case: a header (reference, the name to use, stage), the safe-contact banner (always visible),
// a red safeguarding banner while a serious risk waits for a supervisor's action, and the tabs: Overview,
// Client, Incidents, Parties, Account, Notes, Tasks, Deadlines, Therapy and (for supervisors) History.
//
// Edits are collected from the sections and saved together (save(), Ctrl+S). A save that lost a race opens
// the ConflictDialog; nothing typed is thrown away unless the person chooses "Use theirs". It asks core
// for the service on every action (availableCases), so it never touches a locked vault.
class CaseFileWidget final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseFileWidget)
public:
    CaseFileWidget(VaultSession& session, Prompter& prompter, core::CaseRecord record, bool privacyMode,
                   const StaffNames& staff = {}, QWidget* parent = nullptr);
    ~CaseFileWidget() override;

    qint64 caseId() const { return m_caseId; }
    QString reference() const { return m_reference; }
    const core::CaseRecord& record() const { return m_record; }  // as last loaded or saved
    bool isDirty() const;
    void setPrivacyMode(bool on);

    // Validates every section, then saves the case (and the account when it was edited). False when there is
    // something to fix, core refused, or a conflict is being resolved; what was typed stays either way.
    bool save();
    // On lock: every field, label and model is emptied. The widget is then closed by its owner.
    void wipe();
    // The red break-glass banner: this restricted case is open only through the person's emergency grant.
    void showBreakGlass(const QString& reason, const QDateTime& expiresAtUtc);

    // For tests and the shots tool.
    QTabWidget* tabs() const { return m_tabs; }
    CaseOverviewTab* overviewTab() const { return m_overview; }
    CaseClientTab* clientTab() const { return m_client; }
    CaseIncidentsTab* incidentsTab() const { return m_incidents; }
    CasePartiesTab* partiesTab() const { return m_parties; }
    CaseAccountTab* accountTab() const { return m_account; }
    CaseNotesTab* notesTab() const { return m_notes; }
    CaseTasksTab* tasksTab() const { return m_tasks; }
    CaseHistoryTab* historyTab() const { return m_history; }
    CaseTherapyTab* therapyTab() const { return m_therapy; }
    QLabel* safeContactBanner() const { return m_safeContact; }
    QFrame* safeguardingBanner() const { return m_safeguardingFrame; }
    QFrame* breakGlassBanner() const { return m_breakGlassFrame; }
    QLabel* breakGlassLabel() const { return m_breakGlassText; }
    ConflictDialog* conflictDialog() const;  // the conflict being resolved, if any

signals:
    void dirtyChanged(bool dirty);
    void saved(const claimdesk::core::CaseRecord& record);
    void statusMessage(const QString& text);

private:
    core::CaseRecord collect() const;  // m_record with every section's edits
    bool saveRecord(core::CaseRecord edited);
    void openConflict(const core::CaseRecord& edited);
    void adopt(const core::CaseRecord& record);  // shows a record as saved (sections reloaded)
    // After a change of ours that bumped the version outside save() (the account, a safeguarding action) to
    // `ourVersion`, as core returned it: when that is exactly one past the version we hold, nobody else saved in
    // between, so carry on from it (keeping edits in progress) and our next save does not conflict with us.
    void refreshAfterOwnChange(int ourVersion);
    void refreshHeader();
    void refreshBanners();
    void sectionEdited();
    void updateDirty();
    void showProblems(const QStringList& problems);
    void recordSafeguardingAction();

    VaultSession& m_session;
    Prompter& m_prompter;
    core::CaseRecord m_record;
    qint64 m_caseId;
    QString m_reference;
    bool m_privacy;
    StaffNames m_staff;
    bool m_sectionsDirty = false;
    bool m_wasDirty = false;
    bool m_wiped = false;

    QLabel* m_title;
    QLabel* m_clientName;
    QLabel* m_subtitle;
    QLabel* m_dirtyLabel;
    QPushButton* m_saveButton;
    QLabel* m_safeContact;
    QFrame* m_safeguardingFrame;
    QLabel* m_safeguardingText;
    QPushButton* m_recordAction;
    QFrame* m_breakGlassFrame;
    QLabel* m_breakGlassText;
    QLabel* m_problems;
    QTabWidget* m_tabs;
    CaseOverviewTab* m_overview;
    CaseClientTab* m_client;
    CaseIncidentsTab* m_incidents;
    CasePartiesTab* m_parties;
    CaseAccountTab* m_account;
    CaseNotesTab* m_notes;
    CaseTasksTab* m_tasks;
    CaseTherapyTab* m_therapy;
    CaseHistoryTab* m_history = nullptr;
    std::vector<CaseSection*> m_sections;
    QPointer<QDialog> m_conflict;  // a ConflictDialog
};

}  // namespace claimdesk::ui
