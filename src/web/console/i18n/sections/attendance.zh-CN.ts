// 控制台「attendance」页面文字(简体中文)。
export const attendanceZhCN = {
  title: '',
};
