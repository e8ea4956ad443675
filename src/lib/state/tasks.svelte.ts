// The tasks as the pages see them, live: the Inbox's board (every task, account names, owners,
// playbook names) and the navigation's count of tasks overdue or due today.
import { getDb, listTasksToDo, readTaskBoard, watchQuery, type TaskBoard } from '$lib/db';
import { dueTaskCount } from './inbox-view';

class TaskBoardState {
  /** The latest board (null until the first read). */
  board = $state.raw<TaskBoard | null>(null);
  error = $state<string | null>(null);

  /** Watches the board; returns a stop function. */
  connect(): () => void {
    const sub = watchQuery(() => readTaskBoard(getDb())).subscribe({
      next: (board) => {
        this.board = board;
        this.error = null;
      },
      error: (e) => (this.error = e instanceof Error ? e.message : String(e)),
    });
    return () => sub.unsubscribe();
  }
}

/** The one Inbox state. */
export const taskBoard = new TaskBoardState();

class DueTasksState {
  /** Tasks overdue or due on `today` (null until first read). */
  count = $state<number | null>(null);

  /** Watches the tasks to do and counts those due on `today`; returns a stop function. */
  connect(today: number): () => void {
    const sub = watchQuery(() => listTasksToDo(getDb())).subscribe({
      next: (tasks) => (this.count = dueTaskCount(tasks, today)),
      error: (e) => console.error('Task count query failed', e),
    });
    return () => sub.unsubscribe();
  }
}

/** The navigation's count of due tasks. */
export const dueTasks = new DueTasksState();
