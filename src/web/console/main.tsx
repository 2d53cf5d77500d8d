import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')!).render(<div>宝宝屋管理平台</div>);
