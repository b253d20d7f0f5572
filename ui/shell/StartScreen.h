#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QStackedWidget;

namespace claimdesk::ui {

class BusyIndicator;

// The first window: recent vaults (paths only; ones that are gone are shown as missing), and the ways in:
// open a vault, create one, or try the demo vault.
class StartScreen final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartScreen)
public:
    explicit StartScreen(QWidget* parent = nullptr);

    void reloadRecentVaults();
    void setBusy(bool busy, const QString& text = {});
    QString selectedVault() const;  // empty when nothing usable is selected

signals:
    void openRecentRequested(const QString& path);
    void openOtherRequested();
    void createRequested();
    void demoRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void updateButtons();
    void openItem(QListWidgetItem* item);
    void forgetSelected();

    QStackedWidget* m_recentStack;
    QListWidget* m_recentList;
    QLabel* m_noRecentLabel;
    QPushButton* m_openSelected;
    QPushButton* m_forget;
    QPushButton* m_openOther;
    QPushButton* m_create;
    QPushButton* m_demo;
    BusyIndicator* m_busy;
};

}  // namespace claimdesk::ui
