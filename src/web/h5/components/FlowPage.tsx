// A sub-page with a task: the top bar, the content scrolling in between, and the buttons pinned at the bottom
// (clear of the home indicator) so the next step is always in reach of the thumb.
import { forwardRef, type ReactNode } from 'react';
import { PageHeader } from './PageHeader.tsx';

export const FlowPage = forwardRef<
  HTMLDivElement,
  {
    title: string;
    fallback?: string;
    onBack?: () => void;
    footer?: ReactNode;
    children: ReactNode;
    qa: string;
    className?: string;
  }
>(function FlowPage({ title, fallback = '/family', onBack, footer, children, qa, className }, scrollRef) {
  return (
    <div className={`flow-page ${className ?? ''}`} data-qa={qa}>
      <PageHeader title={title} back fallback={fallback} onBack={onBack} />
      <div className="flow-scroll" ref={scrollRef}>
        {children}
      </div>
      {footer && <div className="flow-footer">{footer}</div>}
    </div>
  );
});
