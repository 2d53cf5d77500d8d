// 控制台「incidents」页面文字(简体中文)。
export const incidentsZhCN = {
  title: '',
};
