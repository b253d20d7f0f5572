#pragma once

#include "ui/cases/CaseSection.h"

#include <QList>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

namespace claimdesk::ui {

class DateInput;

// Client: names (including former names: care leavers often changed theirs), date of birth, pronouns,
// contact details, the safe-contact rules and access needs. In privacy mode the names and contact details
// are masked; they can still be edited.
class CaseClientTab final : public CaseSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseClientTab)
public:
    explicit CaseClientTab(QWidget* parent = nullptr);
    ~CaseClientTab() override;

    void load(const core::CaseRecord& record) override;
    void apply(core::CaseRecord& record) const override;
    QStringList problems() const override;
    void setPrivacyMode(bool on) override;

    QDate dateOfBirth() const;  // as typed now (for the incidents' "age at the time")

signals:
    void dateOfBirthEdited();

private:
    void checkName();

    QLineEdit* m_fullName;
    QLabel* m_fullNameHint;
    QLineEdit* m_preferredName;
    QPlainTextEdit* m_formerNames;
    QLineEdit* m_pronouns;
    QLineEdit* m_dateOfBirthEdit;
    DateInput* m_dateOfBirth;
    QLabel* m_age;
    QCheckBox* m_dobVerified;
    QLineEdit* m_phone;
    QLineEdit* m_email;
    QPlainTextEdit* m_address;
    QCheckBox* m_safePhone;
    QCheckBox* m_safeVoicemail;
    QCheckBox* m_safeText;
    QCheckBox* m_safeEmail;
    QCheckBox* m_safePost;
    QPlainTextEdit* m_neverWriteTo;
    QLineEdit* m_codeWord;
    QLineEdit* m_timesToAvoid;
    QLineEdit* m_whoKnows;
    QComboBox* m_caseworkerGender;
    QLineEdit* m_communicationNeeds;
    QLineEdit* m_interpreter;
    QCheckBox* m_capacityConcern;
    QLineEdit* m_litigationFriend;
    QLabel* m_privacyNote;
    QList<QStackedWidget*> m_privacyStacks;
    bool m_privacy = false;
};

}  // namespace claimdesk::ui
