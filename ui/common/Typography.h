#pragma once

class QWidget;

namespace claimdesk::ui {

// One place for the few text styles the shell uses, derived from the platform font.
void makeHeading(QWidget* widget);  // window and dialog headings
void makeSubheading(QWidget* widget);  // section headings inside a window
void makeSecondary(QWidget* widget);  // hints and explanations: the palette's muted text colour
void makeProblem(QWidget* widget);  // "what to fix" messages in forms: a red that reads on light and dark

}  // namespace claimdesk::ui
