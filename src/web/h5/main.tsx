import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')!).render(<div>宝宝屋</div>);
